package io.kerasj.tuner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras Tuner's {@code HyperParameters}: a search space and one choice of values in it. A model-building function
 * ({@link HyperModel}) asks for each value by declaring it, {@code hp.Int("units", 1, 100)}: the first call adds the
 * parameter to the space, and every call returns the value the search chose for this trial, or the parameter's
 * default when it chose none. Not thread-safe: each trial gets its own copy.
 */
public final class HyperParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, HyperParameter> space = new LinkedHashMap<>();
    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    /** An empty space with no values. */
    public HyperParameters() {
    }

    /**
     * @param space the parameters, in order
     * @param values the chosen values by name (others take their defaults)
     * @return hyperparameters holding them
     */
    public static HyperParameters of(List<HyperParameter> space, Map<String, Object> values) {
        HyperParameters hp = new HyperParameters();
        for (HyperParameter p : space) {
            hp.declare(p);
        }
        values.forEach((name, value) -> {
            HyperParameter p = hp.space.get(name);
            hp.values.put(name, p != null ? p.normalize(value) : value);
        });
        return hp;
    }

    /**
     * {@code hp.Int(name, min_value, max_value)}: an integer in [min, max], every integer possible, linear.
     *
     * @return the trial's value
     */
    public int Int(String name, int minValue, int maxValue) {
        return Int(name, minValue, maxValue, null, "linear");
    }

    /**
     * {@code hp.Int(name, min_value, max_value, step, sampling)}.
     *
     * @param step the distance (linear) or factor (log) between values, or null
     * @param sampling {@code "linear"}, {@code "log"} or {@code "reverse_log"}
     * @return the trial's value
     */
    public int Int(String name, int minValue, int maxValue, Integer step, String sampling) {
        HyperParameter p = declare(new IntParameter(name, minValue, maxValue, step == null ? null : step.longValue(),
                Sampling.of(sampling), minValue));
        return Math.toIntExact((Long) value(p));
    }

    /**
     * {@code hp.Float(name, min_value, max_value)}: any number of the range, linear.
     *
     * @return the trial's value
     */
    public double Float(String name, double minValue, double maxValue) {
        return Float(name, minValue, maxValue, null, "linear");
    }

    /**
     * {@code hp.Float(name, min_value, max_value, step, sampling)}, e.g. a learning rate log-uniform in [1e-4, 1e-2]:
     * {@code hp.Float("learning_rate", 1e-4, 1e-2, null, "log")}.
     *
     * @param step the distance (linear) or factor (log) between values, or null for any number
     * @param sampling {@code "linear"}, {@code "log"} or {@code "reverse_log"}
     * @return the trial's value
     */
    public double Float(String name, double minValue, double maxValue, Double step, String sampling) {
        HyperParameter p = declare(new FloatParameter(name, minValue, maxValue, step, Sampling.of(sampling), minValue));
        return (Double) value(p);
    }

    /**
     * {@code hp.Choice(name, values)}: one of the values (integers, numbers, strings or booleans, all of one type).
     *
     * @param <T> the values' type
     * @return the trial's value, in the values' own type
     */
    @SafeVarargs
    @SuppressWarnings("unchecked")
    public final <T> T Choice(String name, T... choices) {
        HyperParameter p = declare(new ChoiceParameter(name, Arrays.asList((Object[]) choices), null));
        Object v = value(p);
        Object first = choices[0];
        if (first instanceof Integer) {
            return (T) Integer.valueOf(Math.toIntExact((Long) v));
        }
        if (first instanceof Float) {
            return (T) Float.valueOf(((Double) v).floatValue());
        }
        return (T) v;
    }

    /**
     * {@code hp.Boolean(name)}.
     *
     * @return the trial's value
     */
    public boolean Boolean(String name) {
        return (Boolean) value(declare(new BooleanParameter(name, false)));
    }

    /**
     * @param name a parameter's name
     * @return its value for this trial (its default when none was chosen)
     * @throws IllegalArgumentException when no parameter has that name
     */
    public Object get(String name) {
        HyperParameter p = space.get(name);
        if (p == null) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' is not in the space " + space.keySet());
        }
        return value(p);
    }

    /** @return the chosen values by name, in the space's order (Long, Double, String or Boolean) */
    public Map<String, Object> values() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (HyperParameter p : space.values()) {
            all.put(p.name(), value(p));
        }
        return Collections.unmodifiableMap(all);
    }

    /** @return the parameters, in the order they were first declared */
    public List<HyperParameter> space() {
        return List.copyOf(space.values());
    }

    /**
     * Adds a parameter to the space, or checks that it is the one already there.
     *
     * @param parameter the parameter
     * @return the parameter in the space
     * @throws IllegalArgumentException when another parameter of that name is there
     */
    public HyperParameter declare(HyperParameter parameter) {
        HyperParameter known = space.get(parameter.name());
        if (known == null) {
            space.put(parameter.name(), parameter);
            return parameter;
        }
        if (!known.equals(parameter)) {
            throw new IllegalArgumentException("hyperparameter '" + parameter.name() + "' is declared twice, differently: "
                    + known.config().get("config") + " and " + parameter.config().get("config"));
        }
        return known;
    }

    private Object value(HyperParameter p) {
        Object v = values.get(p.name());
        return v != null ? v : p.defaultValue();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        values().forEach((k, v) -> parts.add(k + "=" + v));
        return "HyperParameters" + parts;
    }
}
