package io.kerasj.models;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code validation_data=(x, y)}: evaluated on the whole set after each epoch. For a model of several
 * inputs or outputs, one array per input and per output, as lists in the model's order or maps by name.
 *
 * @param inputs each input's samples (a list), or null when given by name
 * @param outputs each output's targets (a list), or null when given by name
 * @param inputsByName each input's samples by name, or null
 * @param outputsByName each output's targets by name, or null
 */
public record ValidationData(List<FloatSamples> inputs, List<Targets> outputs, Map<String, FloatSamples> inputsByName,
                             Map<String, Targets> outputsByName) {

    /**
     * Checks the arguments.
     *
     * @param inputs each input's samples (a list), or null when given by name
     * @param outputs each output's targets (a list), or null when given by name
     * @param inputsByName each input's samples by name, or null
     * @param outputsByName each output's targets by name, or null
     */
    public ValidationData {
        if ((inputs == null) == (inputsByName == null)) {
            throw new IllegalArgumentException("validation x: expected the samples as a list or by name");
        }
        if ((outputs == null) == (outputsByName == null)) {
            throw new IllegalArgumentException("validation y: expected the targets as a list or by name");
        }
        inputs = inputs == null ? null : List.copyOf(inputs);
        outputs = outputs == null ? null : List.copyOf(outputs);
        inputsByName = inputsByName == null ? null : Map.copyOf(inputsByName);
        outputsByName = outputsByName == null ? null : Map.copyOf(outputsByName);
    }

    /**
     * @param x the validation samples
     * @param targets their targets
     */
    public ValidationData(FloatSamples x, Targets targets) {
        this(List.of(Objects.requireNonNull(x, "validation x")), List.of(Objects.requireNonNull(targets, "validation y")), null, null);
    }

    /**
     * @param x the validation samples
     * @param y their class labels
     */
    public ValidationData(FloatSamples x, int[] y) {
        this(x, Targets.classes(Objects.requireNonNull(y, "validation y")));
    }

    /**
     * @param x each input's samples, in the model's input order
     * @param y each output's targets, in the model's output order
     * @return the validation data
     */
    public static ValidationData of(List<FloatSamples> x, List<Targets> y) {
        return new ValidationData(x, y, null, null);
    }

    /**
     * @param x each input's samples, by input name
     * @param y each output's targets, by output name
     * @return the validation data
     */
    public static ValidationData byName(Map<String, FloatSamples> x, Map<String, Targets> y) {
        return new ValidationData(null, null, x, y);
    }

    /** @return the samples of a model of one input */
    public FloatSamples x() {
        return one(inputs, "inputs");
    }

    /** @return the targets of a model of one output */
    public Targets targets() {
        return one(outputs, "outputs");
    }

    private static <T> T one(List<T> list, String what) {
        if (list == null || list.size() != 1) {
            throw new IllegalStateException("validation data: several " + what + "; use the list or the names");
        }
        return list.get(0);
    }

    /** @return a copy of the targets as integers (the class labels; float targets truncated) */
    public int[] y() {
        Targets targets = targets();
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
