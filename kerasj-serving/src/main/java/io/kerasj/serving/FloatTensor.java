package io.kerasj.serving;

import java.util.Arrays;

/**
 * A dense float32 tensor held in Java: its shape and its values in row-major order. Immutable by convention: the
 * constructor does not copy, and no KerasJ code changes the values after construction.
 *
 * @param shape the dimensions; the first is the batch (row) dimension where the tensor has one
 * @param values row-major values, as many as the shape holds
 */
public record FloatTensor(long[] shape, float[] values) {

    /**
     * Checks that the values fill the shape exactly.
     *
     * @param shape the dimensions; the first is the batch (row) dimension where the tensor has one
     * @param values row-major values, as many as the shape holds
     */
    public FloatTensor {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape: expected non-negative dimensions, found " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, d);
        }
        if (size != values.length) {
            throw new IllegalArgumentException("values: shape " + Arrays.toString(shape) + " holds " + size
                    + " values, found " + values.length);
        }
    }

    /** @return the size of the first dimension, or 1 for a scalar */
    public int rows() {
        return shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
    }

    /** @return the shape without its first dimension */
    public long[] rowShape() {
        return shape.length == 0 ? new long[0] : Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** @return the number of values in one row */
    public int rowSize() {
        return rows() == 0 ? 0 : values.length / rows();
    }

    /**
     * @param from the first row
     * @param count how many rows
     * @return rows {@code [from, from + count)} as a new tensor
     */
    public FloatTensor slice(int from, int count) {
        long[] s = shape.clone();
        s[0] = count;
        return new FloatTensor(s, Arrays.copyOfRange(values, from * rowSize(), (from + count) * rowSize()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
