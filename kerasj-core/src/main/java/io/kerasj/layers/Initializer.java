package io.kerasj.layers;

import java.util.Random;

/** Draws the first values of a weight, in Java, so a seed makes a model's start repeatable. */
@FunctionalInterface
public interface Initializer {

    /**
     * @param shape the weight's shape
     * @param random the seeded source of randomness
     * @return row-major values, as many as the shape holds
     */
    float[] initialize(long[] shape, Random random);

    /** Keras's {@code zeros}. */
    Initializer ZEROS = (shape, random) -> new float[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
}
