package io.kerasj.model;

import io.kerasj.data.FloatSamples;
import java.util.Objects;

/**
 * Keras's {@code validation_data=(x, y)}: evaluated on the whole set after each epoch.
 *
 * @param x the validation samples
 * @param y their labels
 */
public record ValidationData(FloatSamples x, int[] y) {

    /** Checks the arguments and copies the labels. */
    public ValidationData {
        Objects.requireNonNull(x, "validation x");
        Objects.requireNonNull(y, "validation y");
        y = y.clone();
    }

    /** @return a copy of the labels */
    @Override
    public int[] y() {
        return y.clone();
    }
}
