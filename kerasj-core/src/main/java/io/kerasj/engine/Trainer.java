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
import io.kerasj.pipeline.Pipeline;
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
        int perCall = perCall(options);
        History history = options.history() != null ? options.history() : new History();
        CallbackList callbacks = callbacks(options, history, steps);
        boolean logRate = callbacks.contains(LogsLearningRate.class);
        int[] periods = chunkPeriods(callbacks);

        program.upload(x, y);
        program.synchronizeWorkers(n);
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
                } else if (options.validationPipeline() != null) {
                    validate(options.validationPipeline(), options, epochLogs);
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

    /**
     * Keras's {@code fit} on a pipeline of batches: each chunk of batches is uploaded into the program's data
     * variables and trained in order (the pipeline shuffles, not the engine), while the next one is read.
     *
     * @param train batched (x, y) elements
     * @param validationX each input's validation samples (checked), or null
     * @param validationTargets their targets, converted, or null; else {@link FitOptions#validationPipeline()}, if any
     * @param options epochs, steps per epoch, validation steps, callbacks, ...
     */
    public History fit(Pipeline train, List<FloatSamples> validationX, List<Targets> validationTargets, FitOptions options) {
        int perCall = perCall(options);
        ElementLayout layout = new ElementLayout("x", train, program.network(), program.targetFormats());
        History history = options.history() != null ? options.history() : new History();
        Map<String, Double> logs = new LinkedHashMap<>();
        try (ChunkFeed feed = new ChunkFeed(train, layout, options.stepsPerEpoch());
             Evaluator.Prepared validation = validationTargets == null ? null : evaluator.prepare(validationX, validationTargets)) {
            CallbackList callbacks = callbacks(options, history, feed.knownSteps());
            boolean logRate = callbacks.contains(LogsLearningRate.class);
            int[] periods = chunkPeriods(callbacks);
            program.synchronizeWorkers(Math.max(0, feed.knownSteps())); // a pipeline's steps, where it knows them
            callbacks.onTrainBegin(Map.of());
            int first = run.initialEpoch(options.initialEpoch()); // BackupAndRestore may move it
            long before = 0;
            int nominalBatch = 0;
            for (int epoch = first; epoch < options.epochs() && !run.stopRequested(); epoch++) {
                callbacks.onEpochBegin(epoch, Map.of());
                feed.startEpoch(epoch, new ChunkPlan(perCall, periods, before));
                EpochResult result = runEpoch(epoch, feed, nominalBatch, callbacks);
                Map<String, Double> epochLogs = result.logs();
                before += result.steps();
                nominalBatch = result.nominalBatch();
                logs = epochLogs;
                if (run.interrupted()) {
                    break; // an unfinished epoch is not recorded: the History and checkpoints hold whole epochs
                }
                if (result.ranOut()) {
                    options.output().println("WARNING: Your input ran out of data; interrupting training. Make sure that your dataset "
                            + "or generator can generate at least `steps_per_epoch * epochs` batches. You may need to use the "
                            + "`.repeat()` function when building your dataset.");
                }
                if (validation != null) {
                    validation.evaluate((done, running) -> { }).forEach((name, value) -> epochLogs.put("val_" + name, value));
                } else if (options.validationPipeline() != null) {
                    validate(options.validationPipeline(), options, epochLogs);
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

    private void validate(Pipeline data, FitOptions options, Map<String, Double> epochLogs) {
        evaluator.evaluate(data, "validation_data", options.validationSteps(), (done, running) -> { })
                .forEach((name, value) -> epochLogs.put("val_" + name, value));
    }

    /**
     * The callbacks' batch periods where the chunks end; none in a data-parallel fit, whose workers must all end their
     * chunks at the same steps (a collective in a loop is matched by its iteration) while only the chief has the
     * callbacks that write.
     */
    private int[] chunkPeriods(CallbackList callbacks) {
        return program.replicated() ? new int[0] : callbacks.batchPeriods();
    }

    private static int perCall(FitOptions options) {
        return options.stepsPerExecution() > 0 ? options.stepsPerExecution() : DEFAULT_STEPS_PER_EXECUTION;
    }

    /** The History, the user's callbacks, the progress logger when verbose, then TerminateOnNaN, with Keras's params. */
    private CallbackList callbacks(FitOptions options, History history, int steps) {
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
        params.put("steps", steps > 0 ? steps : null);
        run.history(history);
        callbacks.setModel(run);
        callbacks.setParams(params);
        return callbacks;
    }

    /** What one epoch on a pipeline did: its logs, the batches it ran, the fit's batch size, and whether data ran out. */
    private record EpochResult(Map<String, Double> logs, int steps, int nominalBatch, boolean ranOut) {
    }

    private EpochResult runEpoch(int epoch, ChunkFeed feed, int nominalBatch, CallbackList callbacks) {
        double lossSum = 0;
        long seen = 0;
        List<Metric> metrics = config.metrics();
        List<String> names = config.metricNames();
        metrics.forEach(Metric::reset);
        Map<String, Double> logs = new LinkedHashMap<>();
        int step = 0;
        boolean ranOut = false;
        while (!run.stopRequested()) {
            ChunkFeed.Chunk next = feed.next();
            if (next == null) {
                break;
            }
            ranOut = next.ranOut();
            PipelineBatch chunk = next.batches();
            if (chunk == null) {
                break;
            }
            int[] sizes = chunk.batchSizes();
            if (nominalBatch == 0) {
                nominalBatch = sizes[0];
            }
            // a lone batch smaller than the fit's runs in the loop of dynamic shape, as an epoch's last batch of arrays
            int batch = sizes.length == 1 && sizes[0] < nominalBatch ? nominalBatch : sizes[0];
            callbacks.onTrainBatchBegin(step, Map.of());
            program.upload(chunk);
            TrainingProgram.Chunk result;
            try (TInt32 order = Tensors.ints(epochOrder(chunk.rows(), false, 0, 0), chunk.rows())) {
                result = program.acrossWorkers(program.run(order, 0, sizes.length, batch));
            }
            int last = step + result.stepsRun() - 1;
            long before = seen;
            for (int k = 0; k < result.stepsRun(); k++) {
                seen += sizes[k];
            }
            step += sizes.length;
            lossSum += result.lossSum();
            logs = afterChunk(result, lossSum, seen, before, epoch, last);
            callbacks.onTrainBatchEnd(last, new LinkedHashMap<>(logs));
            if (ranOut) {
                break;
            }
        }
        return new EpochResult(logs, step, nominalBatch, ranOut);
    }

    /**
     * Adds a chunk's metric sums to the metrics and gives the epoch's running logs: the mean loss so far and each
     * metric's result; a chunk stopped by a non-finite loss (the loop kept the weights from before that step) logs NaN.
     */
    private Map<String, Double> afterChunk(TrainingProgram.Chunk chunk, double lossSum, long seen, long before, int epoch,
                                           int last) {
        List<Metric> metrics = config.metrics();
        List<String> names = config.metricNames();
        for (int m = 0; m < metrics.size(); m++) {
            metrics.get(m).update(chunk.metricSums()[m], seen - before);
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / seen);
        for (int m = 0; m < metrics.size(); m++) {
            logs.put(names.get(m), metrics.get(m).result());
        }
        if (!chunk.finite()) {
            logs.put("loss", Double.NaN);
            run.markTerminatedOnNaN(epoch, last);
        }
        return logs;
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
                TrainingProgram.Chunk chunk = program.acrossWorkers(program.run(order, from, to, batch));
                int last = from + chunk.stepsRun() - 1;
                long before = seen;
                seen = Math.min((long) (last + 1) * batch, n);
                lossSum += chunk.lossSum();
                logs = afterChunk(chunk, lossSum, seen, before, epoch, last);
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
