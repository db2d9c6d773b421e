package io.kerasj.engine;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.CallbackList;
import io.kerasj.callbacks.ProgressLogger;
import io.kerasj.data.FloatSamples;
import java.io.PrintStream;
import io.kerasj.data.Targets;
import io.kerasj.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Computes Keras's {@code evaluate} numbers: the mean loss and each metric over a whole set, run in
 * {@link Slices#SLICE}-sample slices (the result equals Keras's batch-of-32 means weighted by batch size, up to
 * float rounding). The compiled metrics keep the running state.
 */
public final class Evaluator {
    private final ModelGraph graph;
    private final CompileConfig config;

    public Evaluator(ModelGraph graph, CompileConfig config) {
        this.graph = graph;
        this.config = config;
    }

    /** A data set already copied into tensors, to evaluate again and again (validation after each epoch). */
    public final class Prepared implements AutoCloseable {
        private final List<TFloat32> xs = new ArrayList<>();
        private final List<TType> ys = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();

        private Prepared(FloatSamples x, Targets y) {
            TargetFormat format = TargetFormat.of(config.loss(), graph.outputShape());
            for (int[] slice : Slices.of(y.count(), Slices.SLICE)) {
                xs.add(Slices.samples(x, slice[0], slice[1], graph.inputShape()));
                ys.add(format.tensor(y, slice[0], slice[1]));
                counts.add(slice[1]);
            }
        }

        /**
         * @param afterSlice called after each slice with the number of samples done and the running logs
         * @return the logs: {@code loss}, then each metric by name
         */
        public Map<String, Double> evaluate(SliceListener afterSlice) {
            double lossSum = 0;
            long seen = 0;
            config.metrics().forEach(Metric::reset);
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int i = 0; i < xs.size(); i++) {
                ModelGraph.BatchSums sums = graph.evaluate(config, xs.get(i), ys.get(i));
                lossSum += sums.lossSum();
                seen += counts.get(i);
                for (int m = 0; m < config.metrics().size(); m++) {
                    config.metrics().get(m).update(sums.metricSums()[m], counts.get(i));
                }
                logs = logs(lossSum / seen);
                afterSlice.done(seen, logs);
            }
            return logs;
        }

        @Override
        public void close() {
            xs.forEach(Tensor::close);
            ys.forEach(Tensor::close);
        }
    }

    /** Told after each slice of an evaluation. */
    @FunctionalInterface
    public interface SliceListener {
        /**
         * @param samplesDone samples evaluated so far
         * @param logs the running loss and metrics
         */
        void done(long samplesDone, Map<String, Double> logs);
    }

    private Map<String, Double> logs(double loss) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        for (Metric metric : config.metrics()) {
            logs.put(metric.name(), metric.result());
        }
        return logs;
    }

    /**
     * @param x samples already checked
     * @param y targets already in the compiled format
     * @return the prepared set; close it
     */
    public Prepared prepare(FloatSamples x, Targets y) {
        return new Prepared(x, y);
    }

    /**
     * Keras's {@code evaluate} loop: the test hooks of the callbacks (and of the progress bar when verbose) called
     * as Keras calls them, counted in Keras's batches of {@link Slices#KERAS_BATCH_SIZE}.
     *
     * @param x samples already checked
     * @param y targets already in the compiled format
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluate(FloatSamples x, Targets y, int verbose, PrintStream out, Callback... callbacks) {
        CallbackList list = new CallbackList(callbacks);
        int steps = Slices.steps(y.count(), Slices.KERAS_BATCH_SIZE);
        if (verbose > 0) {
            ProgressLogger progress = new ProgressLogger(out, verbose, false);
            progress.setTestSteps(steps);
            list.add(progress);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", verbose);
        params.put("epochs", 1);
        params.put("steps", steps);
        list.setParams(params);
        list.onTestBegin(Map.of());
        Map<String, Double> logs;
        try (Prepared prepared = prepare(x, y)) {
            logs = prepared.evaluate((done, running) -> list.onTestBatchEnd(Slices.steps(Math.toIntExact(done), Slices.KERAS_BATCH_SIZE) - 1, running));
        }
        list.onTestEnd(logs);
        return new LinkedHashMap<>(logs);
    }
}
