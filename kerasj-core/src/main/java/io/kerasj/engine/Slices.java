package io.kerasj.engine;

import io.kerasj.runtime.Tensors;
import io.kerasj.data.FloatSamples;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The one way a set of samples is cut: into Keras's batches (for step counts and the training loop) and into
 * the larger slices that evaluate and predict send in one native call, sized by the bytes of their activations.
 */
public final class Slices {
    /** The most samples per native call of evaluate and predict: beyond it a larger slice saves nothing measurable. */
    public static final int SLICE = 10_000;
    /**
     * The bytes a slice's activations ({@link ActivationBytes}) may take: the notebook's MLP keeps whole slices of
     * {@link #SLICE}, the CNN gets slices of a few hundred images, which run as fast as larger ones.
     */
    public static final long ACTIVATION_BUDGET = 80L << 20;
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
     * @param network a model's graph
     * @return the samples per slice of evaluate and predict for it: {@link #ACTIVATION_BUDGET} over one sample's
     *     activations, a multiple of {@link #KERAS_BATCH_SIZE} where that fits, between 1 and {@link #SLICE}
     */
    public static int sizeFor(Network network) {
        return sizeFor(ActivationBytes.perSample(network), ACTIVATION_BUDGET);
    }

    /**
     * @param bytesPerSample one sample's activations, positive
     * @param budget the bytes a slice's activations may take
     * @return the samples per slice, between 1 and {@link #SLICE}
     */
    static int sizeFor(long bytesPerSample, long budget) {
        long fits = budget / Math.max(1, bytesPerSample);
        if (fits >= SLICE) {
            return SLICE;
        }
        if (fits >= KERAS_BATCH_SIZE) {
            return (int) (fits - fits % KERAS_BATCH_SIZE);
        }
        return (int) Math.max(1, fits);
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

    /**
     * @param x samples, whole numbers in range for an integer input (checked by {@link InputChecks})
     * @param from the first sample
     * @param n how many
     * @param inputShape the per-sample shape
     * @param dtype the input's dtype: {@code float32}, or {@code int32} / {@code uint8}, which arrive as integers
     * @return a tensor {@code [n, ...inputShape]} of that type; close it
     */
    public static TType samples(FloatSamples x, int from, int n, long[] inputShape, String dtype) {
        if ("float32".equals(dtype)) {
            return samples(x, from, n, inputShape);
        }
        int size = x.sampleSize();
        float[] values = x.unsafeValues();
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(Tensors.withBatch(n, inputShape));
        if ("int32".equals(dtype)) {
            int[] ints = new int[n * size];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) values[from * size + i];
            }
            return Tensors.ints(ints, shape.asArray());
        }
        byte[] bytes = new byte[n * size];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) values[from * size + i];
        }
        return org.tensorflow.types.TUint8.tensorOf(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(bytes, true, false));
    }

}
