package io.kerasj.tuner;

import java.util.Locale;

/** How a numeric hyperparameter maps a probability in [0, 1) onto its range: Keras Tuner's {@code sampling}. */
public enum Sampling {
    /** {@code min + p * (max - min)}. */
    LINEAR,
    /** {@code min * (max / min)^p}: as many samples per decade; {@code min} must be positive. */
    LOG,
    /** {@code max + min - min * (max / min)^(1 - p)}: dense near {@code max}. */
    REVERSE_LOG;

    /**
     * @param name {@code "linear"}, {@code "log"} or {@code "reverse_log"}
     * @return the sampling
     * @throws IllegalArgumentException for another name
     */
    public static Sampling of(String name) {
        for (Sampling s : values()) {
            if (s.keyword().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("sampling: expected 'linear', 'log' or 'reverse_log', found '" + name + "'");
    }

    /** @return Keras Tuner's name, e.g. {@code "reverse_log"} */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Keras Tuner's {@code Numerical._sample_numerical_value}. */
    double value(double prob, double min, double max) {
        return switch (this) {
            case LINEAR -> prob * (max - min) + min;
            case LOG -> min * Math.pow(max / min, prob);
            case REVERSE_LOG -> max + min - min * Math.pow(max / min, 1 - prob);
        };
    }

    /** Keras Tuner's {@code Numerical._sample_with_step}: the values of the range taken every {@code step}. */
    double steppedValue(double prob, double min, double max, double step) {
        int count = valueCount(min, max, step);
        double index = index(prob, count);
        return switch (this) {
            case LINEAR -> min + index * step;
            case LOG -> min * Math.pow(step, index);
            case REVERSE_LOG -> max + min - min * Math.pow(step, index);
        };
    }

    /** How many values a stepped range holds ({@code max} included when a step lands on it). */
    int valueCount(double min, double max, double step) {
        if (this == LINEAR) {
            return (int) Math.floor((max - min) / step) + 1;
        }
        return (int) (Math.log(max / min) / Math.log(step)) + 1;
    }

    /** Keras Tuner's {@code hp_utils.prob_to_index}. */
    static int index(double prob, int count) {
        int index = (int) Math.floor(prob / (1.0 / count));
        return index == count ? index - 1 : index;
    }

    void checkRange(String name, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException(name + ": min_value " + min + " is above max_value " + max);
        }
        if (this != LINEAR && !(min > 0)) {
            throw new IllegalArgumentException(name + ": " + keyword() + " sampling needs a positive min_value, found " + min);
        }
    }

    /**
     * Keras Tuner's {@code get_config()} of a numeric range with this sampling.
     *
     * @param className {@code "Int"} or {@code "Float"}
     * @return {@code class_name} and {@code config} (name, min_value, max_value, step, sampling, default)
     */
    java.util.Map<String, Object> rangeConfig(String className, String name, Object min, Object max, Object step, Object byDefault) {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("name", name);
        config.put("min_value", min);
        config.put("max_value", max);
        config.put("step", step);
        config.put("sampling", keyword());
        config.put("default", byDefault);
        return java.util.Map.of("class_name", className, "config", config);
    }
}
