package io.kerasj.engine;

import io.kerasj.models.FitOptions;

import io.kerasj.runtime.Tensors;
import io.kerasj.callbacks.CallbackList;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.LogsLearningRate;
import io.kerasj.callbacks.ProgressLogger;
import io.kerasj.callbacks.TerminateOnNaN;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.types.TInt32;

/**
 * The {@code fit} loop: epochs of shuffled chunks run by the {@link TrainingProgram}, with Keras's running means
 * and callbacks. All of one fit's state is in its {@link FitRun}; a short loop that only notifies listeners.
 */
public final class Trainer {
    /** Batches per native call when nothing asks for more frequent callbacks. */
    static final int DEFAULT_STEPS_PER_EXECUTION = 256;

    private final FitRun run;
    private final CompileConfig config;
    private final TrainingProgram program;
    private final Evaluator evaluator;

    public Trainer(FitRun run, CompileConfig config, TrainingProgram program, Evaluator evaluator) {
        this.run = run;
        this.config = config;
        this.program = program;
        this.evaluator = evaluator;
    }

    /**
     * @param x samples already checked
     * @param y targets already in the program's format
     * @param validationTargets the validation targets already checked and converted, or null without validation
     */
    public History fit(List<FloatSamples> x, List<Targets> y, List<FloatSamples> validationX, List<Targets> validationTargets,
                       FitOptions options, long seed) {
        int n = y.get(0).count();
        int batch = options.batchSize();
        int steps = Slices.steps(n, batch);
        int perCall = options.stepsPerExecution() > 0 ? options.stepsPerExecution() : DEFAULT_STEPS_PER_EXECUTION;
        History history = options.history() != null ? options.history() : new History();
        CallbackList callbacks = new CallbackList();
        callbacks.add(history);
        options.callbacks().forEach(callbacks::add);
        if (options.verbose() > 0) {
            callbacks.add(new ProgressLogger(options.output(), options.verbose(), options.dynamicDisplay()));
        }
        callbacks.add(new TerminateOnNaN().output(options.output()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", options.verbose());
        params.put("epochs", options.epochs());
        params.put("steps", steps);
        boolean logRate = callbacks.contains(LogsLearningRate.class);
        int[] periods = callbacks.batchPeriods();
        run.history(history);
        callbacks.setModel(run);
        callbacks.setParams(params);

        program.upload(x, y);
        Map<String, Double> logs = new LinkedHashMap<>();
        try (Evaluator.Prepared validation = validationTargets == null ? null
                : evaluator.prepare(validationX, validationTargets)) {
            callbacks.onTrainBegin(Map.of());
            int first = run.initialEpoch(options.initialEpoch()); // BackupAndRestore may move it
            for (int epoch = first; epoch < options.epochs() && !run.stopRequested(); epoch++) {
                callbacks.onEpochBegin(epoch, Map.of());
                long before = (long) (epoch - first) * steps;
                Map<String, Double> epochLogs = runEpoch(epoch, n, batch, steps, perCall, options, seed, callbacks,
                        new ChunkPlan(perCall, periods, before));
                logs = epochLogs;
                if (run.interrupted()) {
                    break; // an unfinished epoch is not recorded: the History and checkpoints hold whole epochs
                }
                if (validation != null) {
                    validation.evaluate((done, running) -> { }).forEach((name, value) -> epochLogs.put("val_" + name, value));
                }
                if (logRate) {
                    epochLogs.put("learning_rate", (double) (float) run.learningRate());
                }
                callbacks.onEpochEnd(epoch, new LinkedHashMap<>(logs));
            }
            callbacks.onTrainEnd(new LinkedHashMap<>(logs));
        } finally {
            program.releaseData();
        }
        return history;
    }

    private Map<String, Double> runEpoch(int epoch, int n, int batch, int steps, int perCall, FitOptions options,
                                         long seed, CallbackList callbacks, ChunkPlan plan) {
        double lossSum = 0;
        long seen = 0;
        List<Metric> metrics = config.metrics();
        List<String> names = config.metricNames();
        metrics.forEach(Metric::reset);
        Map<String, Double> logs = new LinkedHashMap<>();
        try (TInt32 order = Tensors.ints(epochOrder(n, options.shuffle(), seed, epoch), n)) {
            for (int from = 0, to; from < steps && !run.stopRequested(); from = to) {
                to = plan.end(from, steps);
                callbacks.onTrainBatchBegin(from, Map.of());
                TrainingProgram.Chunk chunk = program.run(order, from, to, batch);
                int last = from + chunk.stepsRun() - 1;
                long before = seen;
                seen = Math.min((long) (last + 1) * batch, n);
                lossSum += chunk.lossSum();
                for (int m = 0; m < metrics.size(); m++) {
                    metrics.get(m).update(chunk.metricSums()[m], seen - before);
                }
                logs = new LinkedHashMap<>();
                logs.put("loss", lossSum / seen);
                for (int m = 0; m < metrics.size(); m++) {
                    logs.put(names.get(m), metrics.get(m).result());
                }
                if (!chunk.finite()) {
                    // the loop stopped at the bad step and kept the weights from before it
                    logs.put("loss", Double.NaN);
                    run.markTerminatedOnNaN(epoch, last);
                }
                callbacks.onTrainBatchEnd(last, new LinkedHashMap<>(logs));
            }
        }
        return logs;
    }

    /**
     * The epoch's sample order: a Fisher–Yates shuffle seeded by the run's seed and the epoch, so that a run
     * resumed at any epoch shuffles as the uninterrupted run did.
     */
    public static int[] epochOrder(int n, boolean shuffle, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
