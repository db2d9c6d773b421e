package io.kerasj.models;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A model's data in its own order: one array of samples per input and one of targets per output, from lists or
 * from maps by name (Keras's {@code x}/{@code y} as lists or dicts).
 *
 * @param x each input's samples
 * @param y each output's targets
 */
record ModelData(List<FloatSamples> x, List<Targets> y) {

    static ModelData of(Model model, List<FloatSamples> x, List<Targets> y) {
        Objects.requireNonNull(x, "x");
        if (y == null) {
            throw new IllegalArgumentException("y: expected targets, found null");
        }
        return new ModelData(List.copyOf(x), new ArrayList<>(y));
    }

    static ModelData validation(Model model, ValidationData data) {
        List<FloatSamples> x = data.inputs() != null ? data.inputs() : inputsByName(model, "validation x", data.inputsByName());
        List<Targets> y = data.outputs() != null ? data.outputs() : outputsByName(model, "validation y", data.outputsByName());
        return new ModelData(x, y);
    }

    static List<FloatSamples> inputsByName(Model model, String argument, Map<String, FloatSamples> byName) {
        return ordered(argument, byName, model.inputNames(), "input");
    }

    static List<Targets> outputsByName(Model model, String argument, Map<String, Targets> byName) {
        return ordered(argument, byName, model.outputNames(), "output");
    }

    private static <T> List<T> ordered(String argument, Map<String, T> byName, List<String> names, String what) {
        Objects.requireNonNull(byName, argument);
        for (String key : byName.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException(argument + ": '" + key + "' is not an " + what + " of the model; its " + what
                        + "s are " + names);
            }
        }
        List<T> values = new ArrayList<>();
        for (String name : names) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException(argument + ": no array for " + what + " '" + name + "'; given " + new TreeSet<>(byName.keySet()));
            }
            values.add(byName.get(name));
        }
        return values;
    }

    /**
     * Keras's {@code validation_split}: the last fraction of the samples, taken before any shuffling.
     *
     * @param fraction in (0, 1)
     * @return {training part, validation part}
     * @throws IllegalArgumentException when either part would be empty
     */
    ModelData[] splitLast(double fraction) {
        int count = x.get(0).count();
        int splitAt = (int) Math.floor(count * (1.0 - fraction));
        if (splitAt == 0 || splitAt == count) {
            throw new IllegalArgumentException("Training data contains " + count + " samples, which is not sufficient to split it into "
                    + "a validation and training set as specified by `validation_split=" + fraction + "`. Either provide more data, "
                    + "or a different value for the `validation_split` argument.");
        }
        List<FloatSamples> trainX = new ArrayList<>();
        List<FloatSamples> validX = new ArrayList<>();
        for (FloatSamples samples : x) {
            trainX.add(samples.slice(0, splitAt));
            validX.add(samples.slice(splitAt, count));
        }
        List<Targets> trainY = new ArrayList<>();
        List<Targets> validY = new ArrayList<>();
        for (Targets targets : y) {
            if (targets == null || targets.count() != count) {
                throw new IllegalArgumentException("y: expected " + count + " targets (one per sample of x), found "
                        + (targets == null ? "null" : targets.count()));
            }
            trainY.add(targets.slice(0, splitAt));
            validY.add(targets.slice(splitAt, count));
        }
        return new ModelData[] {new ModelData(trainX, trainY), new ModelData(validX, validY)};
    }
}
