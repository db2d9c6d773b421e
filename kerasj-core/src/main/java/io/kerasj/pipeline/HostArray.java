package io.kerasj.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One tensor of a pipeline's element, in host memory: a dtype, a shape and a row-major primitive array (Keras's
 * NumPy array). Elements before {@link Pipeline#batch(int)} hold one sample; after it, the first axis is the batch.
 * uint8 data stays uint8 ({@code byte[]}, read unsigned) until the model's graph casts it. Immutable by contract:
 * the arrays are not copied, so whoever makes one must not change them afterwards.
 */
public final class HostArray {
    /** The element types a pipeline carries, as TensorFlow's dtypes. */
    public enum DType {
        FLOAT32(4), UINT8(1), INT32(4), INT64(8),
        /** Variable-length byte strings (TFRecord's bytes lists, CSV text, image file contents). */
        STRING(0);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        /** @return bytes per value; 0 for strings */
        public int byteSize() {
            return bytes;
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final Object data;

    private HostArray(DType dtype, long[] shape, Object data, int length) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": expected no negative dimension");
            }
            size = Math.multiplyExact(size, d);
        }
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, found "
                    + length);
        }
    }

    /** @return float32 values of the given shape (the array is kept, not copied) */
    public static HostArray ofFloats(float[] values, long... shape) {
        return new HostArray(DType.FLOAT32, shape, Objects.requireNonNull(values), values.length);
    }

    /** @return uint8 values of the given shape (the array is kept, not copied) */
    public static HostArray ofUint8(byte[] values, long... shape) {
        return new HostArray(DType.UINT8, shape, Objects.requireNonNull(values), values.length);
    }

    /** @return int32 values of the given shape (the array is kept, not copied) */
    public static HostArray ofInts(int[] values, long... shape) {
        return new HostArray(DType.INT32, shape, Objects.requireNonNull(values), values.length);
    }

    /** @return int64 values of the given shape (the array is kept, not copied) */
    public static HostArray ofLongs(long[] values, long... shape) {
        return new HostArray(DType.INT64, shape, Objects.requireNonNull(values), values.length);
    }

    /** @return byte strings of the given shape (the array is kept, not copied) */
    public static HostArray ofStrings(byte[][] values, long... shape) {
        return new HostArray(DType.STRING, shape, Objects.requireNonNull(values), values.length);
    }

    /** @return a float32 scalar */
    public static HostArray scalar(float value) {
        return ofFloats(new float[] {value});
    }

    /** @return an int32 scalar */
    public static HostArray scalar(int value) {
        return ofInts(new int[] {value});
    }

    /** @return the dtype */
    public DType dtype() {
        return dtype;
    }

    /** @return the shape (a copy) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the rank */
    public int rank() {
        return shape.length;
    }

    /** @return the number of values */
    public int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** @return the values' bytes in memory (strings: their lengths' sum) */
    public long byteSize() {
        if (dtype != DType.STRING) {
            return (long) size() * dtype.byteSize();
        }
        long total = 0;
        for (byte[] s : (byte[][]) data) {
            total += s.length;
        }
        return total;
    }

    /** @return the float32 values (not a copy) */
    public float[] floats() {
        return (float[]) require(DType.FLOAT32);
    }

    /** @return the uint8 values as signed Java bytes (not a copy) */
    public byte[] uint8() {
        return (byte[]) require(DType.UINT8);
    }

    /** @return the int32 values (not a copy) */
    public int[] ints() {
        return (int[]) require(DType.INT32);
    }

    /** @return the int64 values (not a copy) */
    public long[] longs() {
        return (long[]) require(DType.INT64);
    }

    /** @return the strings (not a copy) */
    public byte[][] strings() {
        return (byte[][]) require(DType.STRING);
    }

    private Object require(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("expected " + wanted.name().toLowerCase() + " values, found "
                    + dtype.name().toLowerCase());
        }
        return data;
    }

    /** @return the values as float32, converted from any numeric dtype (uint8 read unsigned, not scaled) */
    public float[] toFloats() {
        switch (dtype) {
            case FLOAT32:
                return floats();
            case UINT8: {
                byte[] b = uint8();
                float[] f = new float[b.length];
                for (int i = 0; i < b.length; i++) {
                    f[i] = b[i] & 0xFF;
                }
                return f;
            }
            case INT32: {
                int[] v = ints();
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = v[i];
                }
                return f;
            }
            case INT64: {
                long[] v = longs();
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = v[i];
                }
                return f;
            }
            default:
                throw new IllegalStateException("expected numbers, found strings");
        }
    }

    /**
     * Stacks arrays of one dtype and shape along a new first axis (what {@code batch} does).
     *
     * @throws IllegalArgumentException when the list is empty or the dtypes or shapes differ
     */
    public static HostArray stack(List<HostArray> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: expected at least one array");
        }
        HostArray first = parts.get(0);
        for (HostArray p : parts) {
            if (p.dtype != first.dtype || !Arrays.equals(p.shape, first.shape)) {
                throw new IllegalArgumentException("batch: expected elements of one shape and dtype, found "
                        + first.describe() + " and " + p.describe());
            }
        }
        long[] shape = new long[first.shape.length + 1];
        shape[0] = parts.size();
        System.arraycopy(first.shape, 0, shape, 1, first.shape.length);
        return new HostArray(first.dtype, shape, join(parts, first), Math.multiplyExact(parts.size(), first.size()));
    }

    /**
     * Joins arrays along their existing first axis (batches into a chunk).
     *
     * @throws IllegalArgumentException when the dtypes or the shapes past the first axis differ
     */
    public static HostArray concat(List<HostArray> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: expected at least one array");
        }
        HostArray first = parts.get(0);
        long rows = 0;
        int values = 0;
        for (HostArray p : parts) {
            if (p.dtype != first.dtype || p.rank() == 0
                    || !Arrays.equals(Arrays.copyOfRange(p.shape, 1, p.rank()), Arrays.copyOfRange(first.shape, 1, first.rank()))) {
                throw new IllegalArgumentException("concat: expected arrays of one dtype and sample shape, found "
                        + first.describe() + " and " + p.describe());
            }
            rows += p.shape[0];
            values = Math.addExact(values, p.size());
        }
        long[] shape = first.shape.clone();
        shape[0] = rows;
        return new HostArray(first.dtype, shape, join(parts, first), values);
    }

    private static Object join(List<HostArray> parts, HostArray first) {
        int total = 0;
        for (HostArray p : parts) {
            total = Math.addExact(total, p.size());
        }
        Object out = java.lang.reflect.Array.newInstance(first.data.getClass().getComponentType(), total);
        int at = 0;
        for (HostArray p : parts) {
            System.arraycopy(p.data, 0, out, at, p.size());
            at += p.size();
        }
        return out;
    }

    /**
     * @param from first row (inclusive) along the first axis
     * @param to last row (exclusive)
     * @return a copy of rows {@code [from, to)}
     */
    public HostArray slice(long from, long to) {
        if (rank() == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + describe());
        }
        int row = shape[0] == 0 ? 0 : size() / (int) shape[0];
        long[] s = shape.clone();
        s[0] = to - from;
        int n = Math.toIntExact((to - from) * row);
        Object out = java.lang.reflect.Array.newInstance(data.getClass().getComponentType(), n);
        System.arraycopy(data, Math.toIntExact(from * row), out, 0, n);
        return new HostArray(dtype, s, out, n);
    }

    /** @return the array with another shape of the same size (the values are shared) */
    public HostArray reshape(long... newShape) {
        return new HostArray(dtype, newShape, data, size());
    }

    /** @return e.g. {@code float32[32, 28, 28]} */
    public String describe() {
        return dtype.name().toLowerCase() + Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return describe();
    }
}
