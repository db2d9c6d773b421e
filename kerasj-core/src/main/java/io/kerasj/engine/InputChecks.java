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
     * Checks each input's samples against the model's inputs: one array per input, the same count in each,
     * integer inputs given whole numbers in their type's range.
     *
     * @param argument the argument's name, e.g. {@code x}
     * @param x each input's samples, in the model's order
     * @param network the model's inputs
     * @return the number of samples
     */
    public static int inputs(String argument, java.util.List<FloatSamples> x, Network network) {
        java.util.List<io.kerasj.layers.KerasTensor> inputs = network.inputs();
        if (x == null || x.size() != inputs.size()) {
            throw new IllegalArgumentException(argument + ": expected " + inputs.size() + " input array(s) " + network.inputNames()
                    + ", found " + (x == null ? "null" : x.size()));
        }
        int count = -1;
        for (int i = 0; i < inputs.size(); i++) {
            String name = inputs.size() == 1 ? argument : argument + "['" + network.inputNames().get(i) + "']";
            samples(name, x.get(i), inputs.get(i).shape());
            if (count >= 0 && x.get(i).count() != count) {
                throw new IllegalArgumentException(argument + ": expected all inputs to have the same number of samples, found "
                        + count + " and " + x.get(i).count() + " (" + name + ")");
            }
            count = x.get(i).count();
            integers(name, x.get(i), inputs.get(i).dtype());
        }
        return count;
    }

    private static void integers(String argument, FloatSamples x, String dtype) {
        if ("float32".equals(dtype)) {
            return;
        }
        double min = "uint8".equals(dtype) ? 0 : Integer.MIN_VALUE;
        double max = "uint8".equals(dtype) ? 255 : Integer.MAX_VALUE;
        float[] values = x.unsafeValues();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || values[i] < min || values[i] > max) {
                throw new IllegalArgumentException(argument + "[" + (i / x.sampleSize()) + "]: expected " + dtype + " values for this "
                        + dtype + " input, found " + values[i]);
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
