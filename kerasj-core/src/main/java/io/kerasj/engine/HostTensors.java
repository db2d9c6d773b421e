package io.kerasj.engine;

import io.kerasj.pipeline.HostArray;
import io.kerasj.runtime.Tensors;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/** Tensors from a pipeline's {@link HostArray}s, in the dtype the graph takes them. */
final class HostTensors {
    private HostTensors() {
    }

    /**
     * @param a numbers, already checked against the dtype's range
     * @param dtype {@code float32}, {@code int32} or {@code uint8}
     * @param shape the tensor's shape, of {@code a}'s size
     * @return a tensor of {@code a}'s values converted to {@code dtype}; close it
     */
    static TType of(HostArray a, String dtype, long... shape) {
        return switch (dtype) {
            case "float32" -> Tensors.floats(a.toFloats(), shape);
            case "int32" -> Tensors.ints(ints(a), shape);
            case "uint8" -> TUint8.tensorOf(Shape.of(shape), DataBuffers.of(uint8(a), true, false));
            default -> throw new IllegalArgumentException("dtype: expected float32, int32 or uint8, found " + dtype);
        };
    }

    private static int[] ints(HostArray a) {
        return switch (a.dtype()) {
            case INT32 -> a.ints();
            case INT64 -> {
                long[] l = a.longs();
                int[] v = new int[l.length];
                for (int i = 0; i < l.length; i++) {
                    v[i] = (int) l[i];
                }
                yield v;
            }
            default -> {
                float[] f = a.toFloats();
                int[] v = new int[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = (int) f[i];
                }
                yield v;
            }
        };
    }

    private static byte[] uint8(HostArray a) {
        if (a.dtype() == HostArray.DType.UINT8) {
            return a.uint8();
        }
        float[] f = a.toFloats();
        byte[] b = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = (byte) (int) f[i];
        }
        return b;
    }
}
