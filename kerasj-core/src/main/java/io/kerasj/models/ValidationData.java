package io.kerasj.models;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import java.util.Objects;

/**
 * Keras's {@code validation_data=(x, y)}: evaluated on the whole set after each epoch.
 *
 * @param x the validation samples
 * @param targets their targets
 */
public record ValidationData(FloatSamples x, Targets targets) {

    /**
     * Checks the arguments.
     *
     * @param x the validation samples
     * @param targets their targets
     */
    public ValidationData {
        Objects.requireNonNull(x, "validation x");
        Objects.requireNonNull(targets, "validation y");
    }

    /**
     * @param x the validation samples
     * @param y their class labels
     */
    public ValidationData(FloatSamples x, int[] y) {
        this(x, Targets.classes(Objects.requireNonNull(y, "validation y")));
    }

    /** @return a copy of the targets as integers (the class labels; float targets truncated) */
    public int[] y() {
        if (targets.isInteger()) {
            return targets.intValues();
        }
        float[] values = targets.floatValues();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = (int) values[i];
        }
        return ints;
    }
}
