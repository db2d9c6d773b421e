package io.kerasj.engine;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.CallbackList;
import io.kerasj.callbacks.ProgressLogger;
import io.kerasj.data.FloatSamples;
import java.io.PrintStream;
import io.kerasj.data.Targets;
import io.kerasj.layers.KerasTensor;
import io.kerasj.metrics.Metric;
import io.kerasj.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Computes Keras's {@code evaluate} numbers: the mean loss and each metric over a whole set, run in slices of
 * {@link Slices#sizeFor} samples (the result equals Keras's batch-of-32 means weighted by batch size, up to
 * float rounding). The compiled metrics keep the running state.
 */
public final class Evaluator {
    private final ModelGraph graph;
    private final CompileConfig config;
    private final int sliceSize;

    /**
     * @param graph the model's graph
     * @param config the compiled loss and metrics
     */
    public Evaluator(ModelGraph graph, CompileConfig config) {
        this(graph, config, Slices.sizeFor(graph.network()));
    }

    /**
     * @param graph the model's graph
     * @param config the compiled loss and metrics
     * @param sliceSize samples per native call, positive
     */
    Evaluator(ModelGraph graph, CompileConfig config, int sliceSize) {
        if (sliceSize < 1) {
            throw new IllegalArgumentException("sliceSize: expected a positive number, found " + sliceSize);
        }
        this.graph = graph;
        this.config = config;
        this.sliceSize = sliceSize;
    }

    /**
     * A data set cut into slices, to evaluate once ({@link #evaluate(List, List, int, PrintStream, Callback...)}: each
     * slice is copied into tensors just before it runs) or again and again (validation after each epoch: all slices
     * copied into tensors once).
     */
    public final class Prepared implements AutoCloseable {
        private final List<FloatSamples> x;
        private final List<Targets> y;
        private final List<int[]> slices;
        private final List<List<TType>> keptXs;
        private final List<List<TType>> keptYs;
        private final List<TargetFormat> formats = TargetFormat.of(config, graph.outputShapes());

        private Prepared(List<FloatSamples> x, List<Targets> y, boolean keep) {
            this.x = x;
            this.y = y;
            this.slices = Slices.of(y.get(0).count(), sliceSize);
            keptXs = keep ? new ArrayList<>() : null;
            keptYs = keep ? new ArrayList<>() : null;
            if (keep) {
                for (int[] slice : slices) {
                    keptXs.add(sliceX(slice));
                    keptYs.add(sliceY(slice));
                }
            }
        }

        private List<TType> sliceX(int[] slice) {
            List<KerasTensor> inputs = graph.network().inputs();
            List<TType> tensors = new ArrayList<>();
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    tensors.add(Slices.samples(x.get(i), slice[0], slice[1], inputs.get(i).shape(), inputs.get(i).dtype()));
                }
            } catch (RuntimeException | Error e) {
                tensors.forEach(Tensor::close);
                throw e;
            }
            return tensors;
        }

        private List<TType> sliceY(int[] slice) {
            List<TType> tensors = new ArrayList<>();
            try {
                for (int o = 0; o < formats.size(); o++) {
                    tensors.add(formats.get(o).tensor(y.get(o), slice[0], slice[1]));
                }
            } catch (RuntimeException | Error e) {
                tensors.forEach(Tensor::close);
                throw e;
            }
            return tensors;
        }

        /**
         * @param afterSlice called after each slice with the number of samples done and the running logs
         * @return the logs: {@code loss}, then each metric by name
         */
        public Map<String, Double> evaluate(SliceListener afterSlice) {
            double lossSum = 0;
            long seen = 0;
            config.metrics().forEach(Metric::reset);
            List<String> names = config.metricNames();
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int i = 0; i < slices.size(); i++) {
                int count = slices.get(i)[1];
                ModelGraph.BatchSums sums = run(i);
                lossSum += sums.lossSum();
                seen += count;
                for (int m = 0; m < config.metrics().size(); m++) {
                    config.metrics().get(m).update(sums.metricSums()[m], count);
                }
                logs = logs(lossSum / seen, names);
                afterSlice.done(seen, logs);
            }
            return logs;
        }

        private ModelGraph.BatchSums run(int i) {
            if (keptXs != null) {
                return graph.evaluate(config, keptXs.get(i), keptYs.get(i));
            }
            List<TType> sliceX = sliceX(slices.get(i));
            try {
                List<TType> sliceY = sliceY(slices.get(i));
                try {
                    return graph.evaluate(config, sliceX, sliceY);
                } finally {
                    sliceY.forEach(Tensor::close);
                }
            } finally {
                sliceX.forEach(Tensor::close);
            }
        }

        @Override
        public void close() {
            if (keptXs != null) {
                keptXs.forEach(tensors -> tensors.forEach(Tensor::close));
                keptYs.forEach(tensors -> tensors.forEach(Tensor::close));
            }
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

    private Map<String, Double> logs(double loss, List<String> names) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        List<Metric> metrics = config.metrics();
        for (int m = 0; m < metrics.size(); m++) {
            logs.put(names.get(m), metrics.get(m).result());
        }
        return logs;
    }

    /**
     * @param x samples already checked
     * @param y targets already in the compiled format
     * @return the prepared set, its slices copied into tensors once; close it
     */
    public Prepared prepare(List<FloatSamples> x, List<Targets> y) {
        return new Prepared(x, y, true);
    }

    /**
     * Evaluates one pass of a pipeline (validation after an epoch, or {@code evaluate}), in the slices
     * {@link #prepare} would cut the same rows into, so the numbers are those of the arrays.
     *
     * @param data batched (x, y) elements
     * @param argument the pipeline's name in messages ({@code x}, {@code validation_data})
     * @param steps the most batches to read, or 0 for the whole pass
     * @param afterSlice called after each slice with the number of the pipeline's batches reached (the batch holding
     *     the slice's last row, counted from 1; not samples, as for arrays) and the running logs
     * @return the logs: {@code loss}, then each metric by name
     */
    public Map<String, Double> evaluate(Pipeline data, String argument, int steps, SliceListener afterSlice) {
        List<TargetFormat> formats = TargetFormat.of(config, graph.outputShapes());
        ElementLayout layout = new ElementLayout(argument, data, graph.network(), formats);
        double lossSum = 0;
        long seen = 0;
        config.metrics().forEach(Metric::reset);
        List<String> names = config.metricNames();
        Map<String, Double> logs = new LinkedHashMap<>();
        try (SliceReader reader = new SliceReader(data, layout, steps, sliceSize)) {
            for (SliceReader.Slice slice = reader.next(); slice != null; slice = reader.next()) {
                PipelineBatch rows = slice.rows();
                int n = rows.rows();
                List<TType> xs = new ArrayList<>();
                List<TType> ys = new ArrayList<>();
                try {
                    List<KerasTensor> inputs = graph.network().inputs();
                    for (int i = 0; i < inputs.size(); i++) {
                        xs.add(HostTensors.of(rows.x().get(i), inputs.get(i).dtype(), io.kerasj.runtime.Tensors.withBatch(n, inputs.get(i).shape())));
                    }
                    for (int o = 0; o < formats.size(); o++) {
                        TargetFormat format = formats.get(o);
                        ys.add(format.classIndices() ? HostTensors.of(rows.y().get(o), "int32", n)
                                : HostTensors.of(rows.y().get(o), "float32", io.kerasj.runtime.Tensors.withBatch(n, format.outputShape())));
                    }
                    ModelGraph.BatchSums sums = graph.evaluate(config, xs, ys);
                    lossSum += sums.lossSum();
                    seen += n;
                    for (int m = 0; m < config.metrics().size(); m++) {
                        config.metrics().get(m).update(sums.metricSums()[m], n);
                    }
                } finally {
                    xs.forEach(Tensor::close);
                    ys.forEach(Tensor::close);
                }
                logs = logs(lossSum / seen, names);
                afterSlice.done(slice.lastBatch() + 1, logs);
            }
        }
        return logs;
    }

    /**
     * Keras's {@code evaluate} on a pipeline: as {@link #evaluate(List, List, int, PrintStream, Callback...)}, the
     * batches counted as the pipeline gives them ({@code steps} from its cardinality, else unknown until the end).
     *
     * @param data batched (x, y) elements
     * @param steps the most batches to read, or 0 for the whole pass
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluate(Pipeline data, int steps, int verbose, PrintStream out, Callback... callbacks) {
        CallbackList list = new CallbackList(callbacks);
        long cardinality = data.cardinality();
        int known = cardinality >= 0 && cardinality <= Integer.MAX_VALUE ? (int) cardinality : 0;
        int total = steps > 0 ? (known > 0 ? Math.min(steps, known) : steps) : known;
        if (verbose > 0) {
            ProgressLogger progress = new ProgressLogger(out, verbose, false);
            progress.setTestSteps(total);
            list.add(progress);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", verbose);
        params.put("epochs", 1);
        params.put("steps", total > 0 ? total : null);
        list.setParams(params);
        list.onTestBegin(Map.of());
        Map<String, Double> logs = evaluate(data, "x", steps, (batches, running) -> list.onTestBatchEnd((int) batches - 1, running));
        list.onTestEnd(logs);
        return new LinkedHashMap<>(logs);
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
    public Map<String, Double> evaluate(List<FloatSamples> x, List<Targets> y, int verbose, PrintStream out, Callback... callbacks) {
        CallbackList list = new CallbackList(callbacks);
        int steps = Slices.steps(y.get(0).count(), Slices.KERAS_BATCH_SIZE);
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
        try (Prepared prepared = new Prepared(x, y, false)) {
            logs = prepared.evaluate((done, running) -> list.onTestBatchEnd(Slices.steps(Math.toIntExact(done), Slices.KERAS_BATCH_SIZE) - 1, running));
        }
        list.onTestEnd(logs);
        return new LinkedHashMap<>(logs);
    }
}
