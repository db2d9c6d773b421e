package io.kerasj.layers;

import java.util.Arrays;

/**
 * A weight a layer owns: its Keras name ({@code kernel}, {@code bias}), its shape and how it starts.
 *
 * @param name Keras's name for the weight within its layer
 * @param shape the weight's shape, e.g. {@code [in, out]} for a Dense kernel
 * @param initializer how its first values are drawn
 */
public record WeightSpec(String name, long[] shape, Initializer initializer) {

    /** @return the number of values in the weight */
    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
