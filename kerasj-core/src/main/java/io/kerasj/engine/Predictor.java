package io.kerasj.engine;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.CallbackList;
import io.kerasj.data.FloatSamples;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.kerasj.layers.KerasTensor;
import io.kerasj.pipeline.Pipeline;
import org.tensorflow.types.family.TType;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code predict} loop: the model's outputs for a set of samples, in native calls of {@link Slices#sizeFor}
 * samples, with the predict hooks of the callbacks counted in Keras's batches of {@link Slices#KERAS_BATCH_SIZE}.
 */
final class Predictor {
    private final ModelGraph graph;
    private final int sliceSize;

    /** @param graph the model's graph */
    Predictor(ModelGraph graph) {
        this(graph, Slices.sizeFor(graph.network()));
    }

    /**
     * @param graph the model's graph
     * @param sliceSize samples per native call, positive
     */
    Predictor(ModelGraph graph, int sliceSize) {
        if (sliceSize < 1) {
            throw new IllegalArgumentException("sliceSize: expected a positive number, found " + sliceSize);
        }
        this.graph = graph;
        this.sliceSize = sliceSize;
    }

    /**
     * @param x each input's samples, already checked against the model's inputs
     * @param callbacks callbacks whose predict hooks are called
     * @return each output's rows, one per sample
     */
    List<float[][]> predict(List<FloatSamples> x, Callback... callbacks) {
        CallbackList list = new CallbackList(callbacks);
        list.onPredictBegin(Map.of());
        int count = x.get(0).count();
        List<KerasTensor> inputs = graph.network().inputs();
        List<float[][]> outputs = new ArrayList<>();
        for (int o = 0; o < graph.outputShapes().size(); o++) {
            outputs.add(new float[count][]);
        }
        for (int[] slice : Slices.of(count, sliceSize)) {
            List<TType> batches = new ArrayList<>();
            List<float[]> flat;
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    batches.add(Slices.samples(x.get(i), slice[0], slice[1], inputs.get(i).shape(), inputs.get(i).dtype()));
                }
                flat = graph.predict(batches);
            } finally {
                batches.forEach(TType::close);
            }
            for (int o = 0; o < flat.size(); o++) {
                Tensors.splitRows(flat.get(o), slice[1], outputs.get(o), slice[0]);
            }
            list.onPredictBatchEnd(Slices.steps(slice[0] + slice[1], Slices.KERAS_BATCH_SIZE) - 1, Map.of());
        }
        list.onPredictEnd(Map.of());
        return outputs;
    }

    /**
     * Keras's {@code predict} on a pipeline: the outputs of one pass (targets in the elements are ignored), in the
     * slices the same rows given as arrays would be cut into, with the predict hooks told the pipeline's batches.
     *
     * @param data batched elements
     * @param steps the most batches to read, or 0 for the whole pass
     * @param callbacks callbacks whose predict hooks are called
     * @return each output's rows, one per sample
     */
    List<float[][]> predict(Pipeline data, int steps, Callback... callbacks) {
        CallbackList list = new CallbackList(callbacks);
        list.onPredictBegin(Map.of());
        List<KerasTensor> inputs = graph.network().inputs();
        int outputCount = graph.outputShapes().size();
        List<List<float[][]>> parts = new ArrayList<>();
        for (int o = 0; o < outputCount; o++) {
            parts.add(new ArrayList<>());
        }
        long total = 0;
        ElementLayout layout = new ElementLayout("x", data, graph.network(), null);
        try (SliceReader reader = new SliceReader(data, layout, steps, sliceSize)) {
            for (SliceReader.Slice slice = reader.next(); slice != null; slice = reader.next()) {
                int n = slice.rows().rows();
                List<TType> batches = new ArrayList<>();
                List<float[]> flat;
                try {
                    for (int i = 0; i < inputs.size(); i++) {
                        batches.add(HostTensors.of(slice.rows().x().get(i), inputs.get(i).dtype(), Tensors.withBatch(n, inputs.get(i).shape())));
                    }
                    flat = graph.predict(batches);
                } finally {
                    batches.forEach(TType::close);
                }
                for (int o = 0; o < flat.size(); o++) {
                    float[][] rows = new float[n][];
                    Tensors.splitRows(flat.get(o), n, rows, 0);
                    parts.get(o).add(rows);
                }
                total += n;
                list.onPredictBatchEnd(slice.lastBatch(), Map.of());
            }
        }
        List<float[][]> outputs = new ArrayList<>();
        for (List<float[][]> part : parts) {
            float[][] all = new float[Math.toIntExact(total)][];
            int at = 0;
            for (float[][] rows : part) {
                System.arraycopy(rows, 0, all, at, rows.length);
                at += rows.length;
            }
            outputs.add(all);
        }
        list.onPredictEnd(Map.of());
        return outputs;
    }
}
