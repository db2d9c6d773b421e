package io.kerasj.initializers;

import io.kerasj.layers.Layer;

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

    /**
     * @return Keras's class name and config for this initializer, as a saved model records it; null for one Keras has
     *     no name for (an initializer written as a lambda), which a saved config then leaves unset
     */
    default InitializerConfig config() {
        return null;
    }

    /** Keras's {@code zeros}. */
    Initializer ZEROS = new NamedInitializer(new InitializerConfig("Zeros", java.util.Map.of()),
            (shape, random) -> new float[Math.toIntExact(Layer.product(shape))]);
}
