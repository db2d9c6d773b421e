package io.kerasj.engine;

import io.kerasj.runtime.Tensors;
import io.kerasj.data.FloatSamples;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.types.TFloat32;

/**
 * The one way a set of samples is cut: into Keras's batches (for step counts and the training loop) and into
 * the larger slices that evaluate and predict send in one native call.
 */
public final class Slices {
    /** Samples per native call of evaluate and predict: large enough to amortise the call, small enough to bound memory. */
    public static final int SLICE = 10_000;
    /** Keras's default {@code batch_size} of evaluate and predict: the batches their callbacks count. */
    public static final int KERAS_BATCH_SIZE = 32;

    private Slices() {
    }

    /**
     * @param count samples
     * @param batchSize samples per batch
     * @return the number of batches, the last one possibly short (Keras's steps)
     */
    public static int steps(int count, int batchSize) {
        return (int) ((count + (long) batchSize - 1) / batchSize); // long: a batch size near Integer.MAX_VALUE must not overflow
    }

    /**
     * @param count samples
     * @param size samples per slice
     * @return {first sample, sample count} of each slice, in order
     */
    public static List<int[]> of(int count, int size) {
        List<int[]> slices = new ArrayList<>();
        for (int from = 0; from < count; from += size) {
            slices.add(new int[] {from, Math.min(size, count - from)});
        }
        return slices;
    }

    /**
     * @param x samples
     * @param from the first sample
     * @param n how many
     * @param inputShape the per-sample shape
     * @return a tensor {@code [n, ...inputShape]}; close it
     */
    public static TFloat32 samples(FloatSamples x, int from, int n, long[] inputShape) {
        int size = x.sampleSize();
        return Tensors.floats(x.unsafeValues(), from * size, n * size, Tensors.withBatch(n, inputShape));
    }
}
