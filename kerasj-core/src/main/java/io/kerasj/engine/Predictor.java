package io.kerasj.engine;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.CallbackList;
import io.kerasj.data.FloatSamples;
import io.kerasj.runtime.Tensors;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code predict} loop: the model's outputs for a set of samples, in {@link Slices#SLICE}-sample native
 * calls, with the predict hooks of the callbacks counted in Keras's batches of {@link Slices#KERAS_BATCH_SIZE}.
 */
final class Predictor {
    private final ModelGraph graph;

    Predictor(ModelGraph graph) {
        this.graph = graph;
    }

    /**
     * @param x samples already checked against the input shape
     * @param callbacks callbacks whose predict hooks are called
     * @return one row of outputs per sample
     */
    float[][] predict(FloatSamples x, Callback... callbacks) {
        CallbackList list = new CallbackList(callbacks);
        list.onPredictBegin(Map.of());
        float[][] rows = new float[x.count()][];
        for (int[] slice : Slices.of(x.count(), Slices.SLICE)) {
            float[] flat;
            try (TFloat32 batch = Slices.samples(x, slice[0], slice[1], graph.inputShape())) {
                flat = graph.predict(batch);
            }
            Tensors.splitRows(flat, slice[1], rows, slice[0]);
            list.onPredictBatchEnd(Slices.steps(slice[0] + slice[1], Slices.KERAS_BATCH_SIZE) - 1, Map.of());
        }
        list.onPredictEnd(Map.of());
        return rows;
    }
}
