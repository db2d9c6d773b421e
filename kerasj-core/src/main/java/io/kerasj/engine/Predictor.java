package io.kerasj.engine;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.CallbackList;
import io.kerasj.data.FloatSamples;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.kerasj.layers.KerasTensor;
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
}
