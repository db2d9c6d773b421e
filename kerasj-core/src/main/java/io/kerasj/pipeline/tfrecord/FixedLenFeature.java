package io.kerasj.pipeline.tfrecord;

import io.kerasj.pipeline.HostArray;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code tf.io.FixedLenFeature(shape, dtype, default_value)}: a feature holding exactly as many values as
 * {@code shape} has, parsed to an array of that shape; an example lacking it is refused, unless a default is given.
 */
public final class FixedLenFeature implements FeatureSpec {
    private final long[] shape;
    private final HostArray.DType dtype;
    private final HostArray defaultValue;
    private final int size;

    /**
     * @param shape the parsed array's shape ({@code []} for a scalar)
     * @param dtype float32, int64 or string
     * @param defaultValue the array used when the feature is missing (any shape of the same size), or null
     */
    public FixedLenFeature(long[] shape, HostArray.DType dtype, HostArray defaultValue) {
        FeatureSpec.checkDType(Objects.requireNonNull(dtype, "dtype"));
        this.shape = shape.clone();
        this.dtype = dtype;
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("FixedLenFeature shape " + Arrays.toString(shape) + ": expected no negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        this.size = Math.toIntExact(n);
        if (defaultValue != null) {
            if (defaultValue.dtype() != dtype || defaultValue.size() != size) {
                throw new IllegalArgumentException("FixedLenFeature default " + defaultValue.describe() + ": expected "
                        + size + " " + dtype.name().toLowerCase() + " values for shape " + Arrays.toString(shape));
            }
            defaultValue = defaultValue.reshape(shape);
        }
        this.defaultValue = defaultValue;
    }

    @Override
    public HostArray.DType dtype() {
        return dtype;
    }

    /** @return the parsed array's shape (a copy) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of values an example must hold */
    public int size() {
        return size;
    }

    /** @return the default, shaped as {@link #shape()}, or null */
    public HostArray defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return "FixedLenFeature(" + Arrays.toString(shape) + ", " + dtype.name().toLowerCase() + ")";
    }
}
