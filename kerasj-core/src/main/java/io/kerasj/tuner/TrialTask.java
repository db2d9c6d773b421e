package io.kerasj.tuner;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.TrainingModel;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.ThreadSettings;
import io.kerasj.models.ValidationData;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every trial of a search runs, wherever it runs (a local thread or a Spark task): for each execution, build the
 * model from the trial's hyperparameters, fit it, and keep its History; the trial's metrics are Keras Tuner's, each
 * execution's values at its best epoch averaged over the executions, and its model is the one at the best epoch
 * over all executions (Keras Tuner's {@code SaveBestEpoch}). Anything the build or fit throws makes a failed trial.
 *
 * @param hyperModel the model-building function
 * @param space the search space
 * @param objective what is optimized
 * @param epochs the epochs of each fit
 * @param batchSize the batch size of each fit
 * @param executionsPerTrial the fits per trial
 * @param seed the search's seed; execution {@code e} of trial {@code t} seeds its model with
 *     {@code seed * 1000003 + t * 1009 + e}
 */
public record TrialTask(HyperModel hyperModel, List<HyperParameter> space, Objective objective, int epochs, int batchSize,
                        int executionsPerTrial, long seed) implements Serializable {

    /** Checks the counts. */
    public TrialTask {
        if (epochs < 1 || batchSize < 1 || executionsPerTrial < 1) {
            throw new IllegalArgumentException("epochs, batch_size and executions_per_trial must be at least 1, found "
                    + epochs + ", " + batchSize + ", " + executionsPerTrial);
        }
        space = List.copyOf(space);
    }

    /**
     * Runs one trial.
     *
     * @param spec the trial
     * @param data the rows
     * @param intraOpThreads the threads each model's ops may use, or 0 for the model's default
     * @return the finished trial, completed or failed; never throws for a failure of the model
     */
    public TrialResult run(TrialSpec spec, TrialData data, int intraOpThreads) {
        long start = System.nanoTime();
        Map<String, Object> values = HyperParameters.of(space, spec.values()).values();
        try {
            return runExecutions(spec, values, data, intraOpThreads, start);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
            return TrialResult.failed(spec.number(), values, message, seconds(start));
        }
    }

    private TrialResult runExecutions(TrialSpec spec, Map<String, Object> values, TrialData data, int threads, long start)
            throws IOException {
        List<Map<String, List<Double>>> histories = new ArrayList<>();
        List<Map<String, Double>> bestEpochValues = new ArrayList<>();
        BestEpoch best = new BestEpoch(objective);
        byte[] model = null;
        int bestEpoch = -1;
        for (int execution = 0; execution < executionsPerTrial; execution++) {
            try (Model m = hyperModel.build(HyperParameters.of(space, values))) {
                if (m.compileConfig() == null) {
                    throw new IllegalStateException("the model-building function returned a model that is not compiled");
                }
                m.seed(seed * 1_000_003L + spec.number() * 1009L + execution);
                if (threads > 0) {
                    m.threads(new ThreadSettings(threads, 1));
                }
                History history = new History();
                FitOptions options = FitOptions.defaults().epochs(epochs).batchSize(batchSize).verbose(0).history(history)
                        .callback(best);
                if (data.validation() != null) {
                    options.validation(new ValidationData(data.validation().floats(), data.validation().y()));
                }
                best.beginExecution();
                m.fit(data.train(), options);
                Map<String, List<Double>> h = new LinkedHashMap<>(history.history());
                histories.add(h);
                List<Double> objectiveValues = h.get(objective.name());
                if (objectiveValues == null) {
                    throw new IllegalArgumentException("objective '" + objective.name() + "' is not in the History "
                            + h.keySet());
                }
                int epoch = objective.bestIndex(objectiveValues);
                if (epoch < 0) {
                    throw new IllegalStateException("objective '" + objective.name() + "' was never a number: " + objectiveValues);
                }
                Map<String, Double> atBest = new LinkedHashMap<>();
                h.forEach((k, v) -> atBest.put(k, v.get(epoch)));
                bestEpochValues.add(atBest);
                if (best.improvedIn()) {
                    m.setWeights(best.weights());
                    model = kerasBytes(m);
                    bestEpoch = best.epoch();
                }
            }
        }
        Map<String, Double> metrics = average(bestEpochValues);
        return new TrialResult(spec.number(), values, TrialStatus.COMPLETED, histories, metrics, metrics.get(objective.name()),
                bestEpoch, null, seconds(start), model);
    }

    private static Map<String, Double> average(List<Map<String, Double>> perExecution) {
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String key : perExecution.get(0).keySet()) {
            double sum = 0;
            for (Map<String, Double> m : perExecution) {
                sum += m.get(key);
            }
            mean.put(key, sum / perExecution.size());
        }
        return mean;
    }

    private static byte[] kerasBytes(Model model) throws IOException {
        Path dir = Files.createTempDirectory("kerasj-trial-");
        Path file = dir.resolve("model.keras");
        try {
            model.save(file);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Keras Tuner's {@code SaveBestEpoch}: the weights at the best epoch over all of a trial's executions. */
    private static final class BestEpoch implements Callback {
        private final Objective objective;
        private TrainingModel model;
        private double bestValue = Double.NaN;
        private List<float[]> weights;
        private int epoch = -1;
        private boolean improvedIn;

        BestEpoch(Objective objective) {
            this.objective = objective;
        }

        void beginExecution() {
            improvedIn = false;
        }

        @Override
        public void setModel(TrainingModel model) {
            this.model = model;
        }

        @Override
        public void onEpochEnd(int epochIndex, Map<String, Double> logs) {
            Double value = logs.get(objective.name());
            if (value != null && objective.better(value, bestValue)) {
                bestValue = value;
                weights = model.getWeights();
                epoch = epochIndex;
                improvedIn = true;
            }
        }

        boolean improvedIn() {
            return improvedIn;
        }

        List<float[]> weights() {
            return weights;
        }

        int epoch() {
            return epoch;
        }
    }
}
