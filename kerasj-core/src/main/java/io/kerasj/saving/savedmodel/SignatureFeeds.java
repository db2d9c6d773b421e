package io.kerasj.saving.savedmodel;

import io.kerasj.data.FloatSamples;
import io.kerasj.runtime.Tensors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * Feeds a signature's inputs in its own dtypes and gathers its float outputs across batches. Samples are floats (as
 * KerasJ holds integer inputs too); an integer input takes only whole numbers in its dtype's range. Serving feeds
 * its requests through it too.
 */
public final class SignatureFeeds {
    /** The most values one output may hold (a Java array's bound). */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private SignatureFeeds() {
    }

    /**
     * @param input a signature input
     * @return true for the integer dtypes a signature input may have: int32, int64, uint8
     */
    public static boolean isInteger(TensorSpec input) {
        return switch (input.dtype()) {
            case "DT_INT32", "DT_INT64", "DT_UINT8" -> true;
            default -> false;
        };
    }

    /**
     * Refuses values an input cannot take: non-finite ones, and for an integer input anything but whole numbers in
     * range.
     */
    static void check(String signatureKey, TensorSpec input, FloatSamples samples) {
        float[] values = samples.unsafeValues();
        int size = samples.sampleSize();
        double low = switch (input.dtype()) {
            case "DT_UINT8" -> 0;
            case "DT_INT32" -> Integer.MIN_VALUE;
            default -> -0x1p63;
        };
        double high = switch (input.dtype()) {
            case "DT_UINT8" -> 255;
            case "DT_INT32" -> Integer.MAX_VALUE;
            default -> 0x1p63;
        };
        boolean integer = isInteger(input);
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                throw new SavedModelException("signature " + signatureKey + " input " + input.key() + ": sample " + i / size
                        + " has " + v + " at position " + i % size + ", expected finite values");
            }
            if (integer && (v != Math.rint(v) || v < low || v >= high + (high == 0x1p63 ? 0 : 1))) {
                throw new SavedModelException("signature " + signatureKey + " input " + input.key() + " is " + input.dtype()
                        + ": sample " + i / size + " has " + v + " at position " + i % size + ", expected a whole number in its range");
            }
        }
    }

    /** @return samples {@code [from, from + n)} of one input as a tensor of the input's dtype and {@code shape}; close it */
    static Tensor tensor(TensorSpec input, FloatSamples samples, int from, int n, long[] shape) {
        int size = samples.sampleSize();
        return tensor(input, Arrays.copyOfRange(samples.unsafeValues(), from * size, (from + n) * size), shape);
    }

    /**
     * @param input a signature input: {@code DT_FLOAT} or an integer dtype ({@link #isInteger})
     * @param values the values, row-major; for an integer input whole numbers in its range (checked by the caller)
     * @param shape the tensor's shape
     * @return a tensor of the input's dtype; close it
     */
    public static Tensor tensor(TensorSpec input, float[] values, long[] shape) {
        switch (input.dtype()) {
            case "DT_INT32" -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) values[i];
                }
                return Tensors.ints(ints, shape);
            }
            case "DT_INT64" -> {
                long[] longs = new long[values.length];
                for (int i = 0; i < longs.length; i++) {
                    longs[i] = (long) values[i];
                }
                return TInt64.tensorOf(Shape.of(shape), DataBuffers.of(longs, true, false));
            }
            case "DT_UINT8" -> {
                byte[] bytes = new byte[values.length];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (int) values[i];
                }
                return TUint8.tensorOf(Shape.of(shape), DataBuffers.of(bytes, true, false));
            }
            default -> {
                return Tensors.floats(values, shape);
            }
        }
    }

    /** Each fetched output's batches, copied into one array per output once its per-sample shape is known. */
    static final class Collected {
        private final String signatureKey;
        private final List<TensorSpec> outputs;
        private final int count;
        private final float[][] values;
        private final int[][] sampleShapes;
        private final int[] filled;

        Collected(String signatureKey, List<TensorSpec> outputs, int count) {
            this.signatureKey = signatureKey;
            this.outputs = outputs;
            this.count = count;
            this.values = new float[outputs.size()][];
            this.sampleShapes = new int[outputs.size()][];
            this.filled = new int[outputs.size()];
        }

        /** Adds output {@code i}'s tensor for a batch of {@code n}. */
        void add(int i, Tensor t, int n) {
            String key = outputs.get(i).key();
            if (!(t instanceof TFloat32 f)) {
                throw new SavedModelException("signature " + signatureKey + " output " + key + " returned " + t.dataType()
                        + ", expected DT_FLOAT");
            }
            long[] shape = f.shape().asArray();
            if (shape.length == 0 || shape[0] != n) {
                throw new SavedModelException("signature " + signatureKey + " output " + key + " has shape " + f.shape()
                        + " for a batch of " + n + ": expected one row per sample");
            }
            int[] sample = new int[shape.length - 1];
            long size = 1;
            for (int d = 1; d < shape.length; d++) {
                sample[d - 1] = (int) shape[d];
                size *= shape[d];
            }
            if (values[i] == null) {
                if (size < 1 || size * count > MAX_VALUES) {
                    throw new SavedModelException("signature " + signatureKey + " output " + key + " has " + size
                            + " values per sample: " + count + " samples of them do not fit in one array");
                }
                values[i] = new float[(int) (size * count)];
                sampleShapes[i] = sample;
            } else if (!Arrays.equals(sampleShapes[i], sample)) {
                throw new SavedModelException("signature " + signatureKey + " output " + key + " has samples of shape "
                        + Arrays.toString(sample) + " in one batch and " + Arrays.toString(sampleShapes[i]) + " in another");
            }
            float[] flat = Tensors.toFloats(f);
            System.arraycopy(flat, 0, values[i], filled[i], flat.length);
            filled[i] += flat.length;
        }

        /** @return every output's samples, by key */
        Map<String, FloatSamples> samples() {
            Map<String, FloatSamples> out = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                if (values[i] == null) {
                    // no samples: the declared per-sample shape, free dimensions as 1
                    List<Long> dims = outputs.get(i).shape();
                    int[] sample = dims.isEmpty() ? new int[0]
                            : dims.subList(1, dims.size()).stream().mapToInt(d -> d > 0 ? d.intValue() : 1).toArray();
                    out.put(outputs.get(i).key(), FloatSamples.of(new float[0], sample));
                } else {
                    out.put(outputs.get(i).key(), FloatSamples.of(values[i], sampleShapes[i]));
                }
            }
            return out;
        }
    }
}
