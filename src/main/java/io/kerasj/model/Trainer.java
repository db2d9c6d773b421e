package io.kerasj.model;

import io.kerasj.callbacks.CallbackList;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.ProgressLogger;
import io.kerasj.data.FloatSamples;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.types.TInt32;

/**
 * The {@code fit} loop: epochs of shuffled chunks run by the {@link TrainingProgram}, with Keras's running means
 * and callbacks. Stateless between calls; a short loop that only notifies listeners.
 */
final class Trainer {
    /** Batches per native call when nothing asks for more frequent callbacks. */
    static final int DEFAULT_STEPS_PER_EXECUTION = 256;

    private final Sequential model;
    private final TrainingProgram program;
    private final Evaluator evaluator;

    Trainer(Sequential model, TrainingProgram program, Evaluator evaluator) {
        this.model = model;
        this.program = program;
        this.evaluator = evaluator;
    }

    History fit(FloatSamples x, int[] y, FitOptions options, long seed) {
        int n = y.length;
        int batch = options.batchSize();
        int steps = (int) ((n + (long) batch - 1) / batch); // long: a batch size near Integer.MAX_VALUE must not overflow
        int perCall = options.stepsPerExecution() > 0 ? options.stepsPerExecution() : DEFAULT_STEPS_PER_EXECUTION;
        History history = options.history() != null ? options.history() : new History();
        CallbackList callbacks = new CallbackList();
        callbacks.add(history);
        options.callbacks().forEach(callbacks::add);
        if (options.verbose() > 0) {
            callbacks.add(new ProgressLogger(options.output(), options.verbose(), options.dynamicDisplay()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", options.verbose());
        params.put("epochs", options.epochs());
        params.put("steps", steps);
        callbacks.setModel(model);
        callbacks.setParams(params);

        program.upload(x.unsafeValues(), y);
        Map<String, Double> logs = new LinkedHashMap<>();
        try (Evaluator.Prepared validation = options.validation() == null ? null : evaluator.prepare(options.validation())) {
            callbacks.onTrainBegin(Map.of());
            for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.stopTrainingRequested(); epoch++) {
                callbacks.onEpochBegin(epoch, Map.of());
                logs = runEpoch(epoch, n, batch, steps, perCall, options, seed, callbacks);
                if (model.interrupted()) {
                    break; // an unfinished epoch is not recorded: the History and checkpoints hold whole epochs
                }
                if (validation != null) {
                    double[] result = validation.evaluate();
                    logs.put("val_loss", result[0]);
                    logs.put("val_accuracy", result[1]);
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
                                         long seed, CallbackList callbacks) {
        double lossSum = 0;
        double correctSum = 0;
        long seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        try (TInt32 order = Tensors.ints(epochOrder(n, options.shuffle(), seed, epoch), n)) {
            for (int from = 0; from < steps && !model.interrupted(); from += perCall) {
                int to = Math.min(steps, from + perCall);
                callbacks.onTrainBatchBegin(from, Map.of());
                TrainingProgram.Chunk chunk = program.run(order, from, to, batch);
                int last = from + chunk.stepsRun() - 1;
                seen = Math.min((long) (last + 1) * batch, n);
                lossSum += chunk.lossSum();
                correctSum += chunk.correctSum();
                logs = means(lossSum, correctSum, seen);
                if (!chunk.finite()) {
                    // Keras's TerminateOnNaN, except that the weights kept are those before the bad step.
                    logs.put("loss", Double.NaN);
                    options.output().println();
                    options.output().println("Batch " + last + ": Invalid loss, terminating training");
                    model.stopTraining();
                    model.markTerminatedOnNaN(epoch, last);
                    break;
                }
                callbacks.onTrainBatchEnd(last, new LinkedHashMap<>(logs));
            }
        }
        return logs;
    }

    private Map<String, Double> means(double lossSum, double correctSum, long seen) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / seen);
        if (model.compileConfig().hasAccuracy()) {
            logs.put("accuracy", correctSum / seen);
        }
        return logs;
    }

    /**
     * The epoch's sample order: a Fisher–Yates shuffle seeded by the run's seed and the epoch, so that a run
     * resumed at any epoch shuffles as the uninterrupted run did.
     */
    static int[] epochOrder(int n, boolean shuffle, long seed, int epoch) {
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
