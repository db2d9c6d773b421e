package io.kerasj.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One NumPy array as an {@code .npy} file holds it: a dtype, a C-order shape and the little-endian data bytes,
 * immutable. {@link Npy} reads and writes it; {@link Npz} holds several.
 */
public final class NpyArray {

    /** The dtypes KerasJ reads and writes, with NumPy's {@code descr} and item size. */
    public enum DType {
        /** {@code uint8}, {@code '|u1'}. */
        UINT8("|u1", 1, true),
        /** {@code int32}, {@code '<i4'}. */
        INT32("<i4", 4, true),
        /** {@code int64}, {@code '<i8'}. */
        INT64("<i8", 8, true),
        /** {@code float32}, {@code '<f4'}. */
        FLOAT32("<f4", 4, false),
        /** {@code float64}, {@code '<f8'}. */
        FLOAT64("<f8", 8, false);

        private final String descr;
        private final int itemSize;
        private final boolean integer;

        DType(String descr, int itemSize, boolean integer) {
            this.descr = descr;
            this.itemSize = itemSize;
            this.integer = integer;
        }

        /** @return NumPy's {@code descr}, e.g. {@code <f4} */
        public String descr() {
            return descr;
        }

        /** @return bytes per element */
        public int itemSize() {
            return itemSize;
        }

        /** @return true for the integer types */
        public boolean isInteger() {
            return integer;
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final byte[] data;

    private NpyArray(DType dtype, long[] shape, byte[] data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long elements = elements(this.shape);
        if (elements * dtype.itemSize() != data.length) {
            throw new IllegalArgumentException("data: expected " + elements + " elements of " + dtype.itemSize() + " bytes for shape "
                    + NumpyShape.text(this.shape) + ", found " + data.length + " bytes");
        }
        this.data = data;
    }

    /** Takes over {@code data} (little-endian, C order) without copying; for this package's readers. */
    static NpyArray wrap(DType dtype, long[] shape, byte[] data) {
        return new NpyArray(dtype, shape, data);
    }

    /**
     * @param values the elements, C order (copied)
     * @param shape the shape
     * @return a {@code uint8} array
     */
    public static NpyArray ofUint8(byte[] values, long... shape) {
        return new NpyArray(DType.UINT8, shape, values.clone());
    }

    /**
     * @param values the elements, C order
     * @param shape the shape
     * @return an {@code int32} array
     */
    public static NpyArray ofInt32(int[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 4L);
        b.asIntBuffer().put(values);
        return new NpyArray(DType.INT32, shape, b.array());
    }

    /**
     * @param values the elements, C order
     * @param shape the shape
     * @return an {@code int64} array
     */
    public static NpyArray ofInt64(long[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 8L);
        b.asLongBuffer().put(values);
        return new NpyArray(DType.INT64, shape, b.array());
    }

    /**
     * @param values the elements, C order
     * @param shape the shape
     * @return a {@code float32} array
     */
    public static NpyArray ofFloat32(float[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 4L);
        b.asFloatBuffer().put(values);
        return new NpyArray(DType.FLOAT32, shape, b.array());
    }

    /**
     * @param values the elements, C order
     * @param shape the shape
     * @return a {@code float64} array
     */
    public static NpyArray ofFloat64(double[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 8L);
        b.asDoubleBuffer().put(values);
        return new NpyArray(DType.FLOAT64, shape, b.array());
    }

    /** @return the element type */
    public DType dtype() {
        return dtype;
    }

    /** @return the shape (a copy) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of elements */
    public long elements() {
        return elements(shape);
    }

    /** The backing little-endian data, for this package's writers and conversions; never modified. */
    byte[] unsafeData() {
        return data;
    }

    /** @return every element as float32 (integers and float64 rounded to the nearest float32) */
    public float[] toFloats() {
        int n = (int) elements();
        float[] out = new float[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data[i] & 0xFF;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(i * 8);
                }
            }
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
        }
        return out;
    }

    /**
     * @param source the file, named in messages
     * @return every element as an int
     * @throws DatasetException for a float dtype, or an int64 value outside the int range
     */
    int[] toInts(String source) {
        if (!dtype.isInteger()) {
            throw new DatasetException(source + ": expected integer targets (uint8, int32 or int64), found dtype " + dtype.descr());
        }
        int n = (int) elements();
        int[] out = new int[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long v = switch (dtype) {
                case UINT8 -> data[i] & 0xFF;
                case INT32 -> b.getInt(i * 4);
                default -> b.getLong(i * 8);
            };
            if (v != (int) v) {
                throw new DatasetException(source + ": element " + i + ": expected a value in the int range, found " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    @Override
    public String toString() {
        return "array of shape " + NumpyShape.text(shape) + ", dtype " + dtype.descr();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && dtype == other.dtype && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape: expected non-negative dimensions, found " + NumpyShape.text(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("values: expected at most " + Integer.MAX_VALUE + " bytes, found " + bytes);
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
