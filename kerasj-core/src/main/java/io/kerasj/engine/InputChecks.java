package io.kerasj.engine;

import io.kerasj.data.FloatSamples;
import java.util.Arrays;

/** The checks Keras would fail on before running a model on data, with messages that name the argument. */
public final class InputChecks {
    private InputChecks() {
    }

    /**
     * @param argument the argument's name, e.g. {@code x}
     * @param x samples
     * @param inputShape the model's per-sample input shape
     */
    public static void samples(String argument, FloatSamples x, long[] inputShape) {
        if (x == null) {
            throw new IllegalArgumentException(argument + ": expected samples, found null");
        }
        if (x.count() == 0) {
            throw new IllegalArgumentException(argument + ": expected at least one sample, found an empty array");
        }
        long[] shape = Arrays.stream(x.sampleShape()).asLongStream().toArray();
        if (!Arrays.equals(shape, inputShape)) {
            throw new IllegalArgumentException(argument + ": expected samples of shape " + Arrays.toString(inputShape)
                    + " (the model's input), found " + Arrays.toString(shape));
        }
        float[] values = x.unsafeValues();
        int size = x.sampleSize();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(argument + "[" + (i / size) + "]: expected finite values, found "
                        + values[i] + " at position " + (i % size));
            }
        }
    }

    /**
     * @param argument the argument's name, e.g. {@code weights[0]}
     * @param values the values
     */
    public static void finite(String argument, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(argument + ": expected finite values, found " + values[i] + " at position " + i);
            }
        }
    }
}
