package io.kerasj.tuner;

import io.kerasj.callbacks.tensorboard.SummaryFileWriter;
import io.kerasj.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The search's TensorBoard logs, for the HParams tab: at the root the experiment (the space and the metrics), and per
 * trial one session per execution, {@code trial_0003/execution0}, grouped by trial, holding the session's start
 * (its hyperparameter values) and end (success or failure), with Keras's epoch scalars in its {@code train} and
 * {@code validation} runs ({@code epoch_loss}, ...), as Keras Tuner's TensorBoard callbacks lay them out.
 */
final class HParamsLog {
    private final Path root;

    /** @param root the {@code tensorboard} folder of a results folder */
    HParamsLog(Path root) {
        this.root = root;
    }

    /**
     * Writes the experiment, once: a search started again finds it there.
     *
     * @param space the search space
     * @param historyKeys a completed trial's History keys, the metrics to show
     */
    void writeExperimentOnce(List<HyperParameter> space, Iterable<String> historyKeys) throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> files = Files.list(root)) {
            if (files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents"))) {
                return;
            }
        }
        List<HParamsSummaries.MetricInfo> metrics = new ArrayList<>();
        for (String key : historyKeys) {
            metrics.add(key.startsWith("val_")
                    ? new HParamsSummaries.MetricInfo("validation", "epoch_" + key.substring(4), HParamsSummaries.DATASET_VALIDATION)
                    : new HParamsSummaries.MetricInfo("train", "epoch_" + key, HParamsSummaries.DATASET_TRAINING));
        }
        try (SummaryFileWriter writer = new SummaryFileWriter(root)) {
            writer.rawSummary(HParamsSummaries.experiment(space, metrics, System.currentTimeMillis() / 1000.0), 0);
        }
    }

    /**
     * Writes one trial's sessions, replacing any a killed run left half-written.
     *
     * @param trial the finished trial
     */
    void writeTrial(TrialResult trial) throws IOException {
        Path dir = root.resolve("trial_" + trial.id());
        AtomicFiles.deleteRecursively(dir);
        double end = System.currentTimeMillis() / 1000.0;
        double start = end - trial.seconds();
        if (!trial.completed()) {
            writeSession(dir.resolve("execution0"), trial, null, start, end);
            return;
        }
        for (int e = 0; e < trial.executions().size(); e++) {
            writeSession(dir.resolve("execution" + e), trial, trial.executions().get(e), start, end);
        }
    }

    private static void writeSession(Path session, TrialResult trial, Map<String, List<Double>> history, double start, double end) {
        try (SummaryFileWriter writer = new SummaryFileWriter(session)) {
            writer.rawSummary(HParamsSummaries.sessionStart(trial.hyperparameters(), "trial_" + trial.id(), start), 0);
            if (history != null) {
                writeScalars(session, history);
            }
            writer.rawSummary(HParamsSummaries.sessionEnd(trial.completed() ? HParamsSummaries.STATUS_SUCCESS
                    : HParamsSummaries.STATUS_FAILURE, end), 0);
        }
    }

    private static void writeScalars(Path session, Map<String, List<Double>> history) {
        try (SummaryFileWriter train = new SummaryFileWriter(session.resolve("train"));
             SummaryFileWriter validation = new SummaryFileWriter(session.resolve("validation"))) {
            history.forEach((key, values) -> {
                boolean val = key.startsWith("val_");
                SummaryFileWriter writer = val ? validation : train;
                String tag = "epoch_" + (val ? key.substring(4) : key);
                for (int epoch = 0; epoch < values.size(); epoch++) {
                    Double v = values.get(epoch);
                    if (v != null) {
                        writer.scalar(tag, v, epoch);
                    }
                }
            });
        }
    }
}
