package io.kerasj.layers;

import io.kerasj.initializers.Initializer;

import java.util.Arrays;

/**
 * A weight a layer declared in {@code build}: its Keras name ({@code kernel}, {@code bias}, {@code moving_mean}),
 * its shape, how it starts, and whether training differentiates it. The layer keeps the instance as its handle and
 * reads the weight's value through {@link CallContext#read(WeightSpec)}; the model maps each instance (by
 * identity) to one variable.
 *
 * @param name Keras's name for the weight within its layer
 * @param shape the weight's shape, e.g. {@code [in, out]} for a Dense kernel
 * @param initializer how its first values are drawn
 * @param trainable true when the optimizer updates it; false for state the layer writes itself (moving statistics)
 */
public record WeightSpec(String name, long[] shape, Initializer initializer, boolean trainable) {

    /**
     * A trainable weight.
     *
     * @param name Keras's name for the weight within its layer
     * @param shape the weight's shape
     * @param initializer how its first values are drawn
     */
    public WeightSpec(String name, long[] shape, Initializer initializer) {
        this(name, shape, initializer, true);
    }

    /**
     * Copies the shape.
     *
     * @param name Keras's name for the weight within its layer
     * @param shape the weight's shape, e.g. {@code [in, out]} for a Dense kernel
     * @param initializer how its first values are drawn
     * @param trainable true when the optimizer updates it; false for state the layer writes itself (moving statistics)
     */
    public WeightSpec {
        shape = shape.clone();
    }

    /** @return a copy of the weight's shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of values in the weight */
    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** Identity: two declarations are the same weight only if they are the same object. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
