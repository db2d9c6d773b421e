package io.kerasj.layers;

import java.util.Arrays;
import java.util.Objects;

/**
 * One weight's values with its shape, as Keras's {@code model.weights} shows a variable: {@code dense/kernel},
 * shape {@code [784, 300]}, and its values flat in row-major order ({@code numpy().ravel()}).
 *
 * @param path Keras's {@code variable.path}: the layer's name, a slash, the weight's name
 * @param shape the weight's shape, e.g. {@code [in, out]} for a Dense kernel
 * @param values the values, row-major; as many as the shape holds
 */
public record Weight(String path, long[] shape, float[] values) {

    /**
     * Checks that the values fill the shape; keeps copies.
     *
     * @param path the layer's name and the weight's name, e.g. {@code dense/kernel}
     * @param shape the shape
     * @param values the values, row-major
     */
    public Weight {
        Objects.requireNonNull(path, "path");
        shape = shape.clone();
        values = values.clone();
        long size = Layer.product(shape);
        if (size != values.length) {
            throw new IllegalArgumentException("weight " + path + ": shape " + Arrays.toString(shape) + " holds " + size
                    + " values, found " + values.length);
        }
    }

    /** @return Keras's {@code variable.name}: the last part of the path, e.g. {@code kernel} */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return the number of values */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Weight w && path.equals(w.path) && Arrays.equals(shape, w.shape) && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return path + " " + Arrays.toString(shape);
    }
}
