package io.kerasj.initializers;

import java.util.Random;

/**
 * An initializer together with the name and config Keras gives it, so that a saved model's config says which
 * initializer its layers were built with.
 *
 * @param keras Keras's name and config for it
 * @param draw what draws the values
 */
record NamedInitializer(InitializerConfig keras, Initializer draw) implements Initializer {

    @Override
    public float[] initialize(long[] shape, Random random) {
        return draw.initialize(shape, random);
    }

    @Override
    public InitializerConfig config() {
        return keras;
    }
}
