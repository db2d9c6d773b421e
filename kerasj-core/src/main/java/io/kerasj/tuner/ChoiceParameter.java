package io.kerasj.tuner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras Tuner's {@code hp.Choice}: one of a list of values of one type (integers, numbers, strings or booleans).
 *
 * @param name the name
 * @param values the values, in order
 * @param defaultValue the value before a search chooses one: the first unless given
 */
public record ChoiceParameter(String name, List<Object> values, Object defaultValue) implements HyperParameter {

    /** Checks that the values are non-empty, of one supported type, and hold the default. */
    public ChoiceParameter {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + ": a Choice needs at least one value");
        }
        values = values.stream().map(ChoiceParameter::widen).toList();
        Class<?> type = values.get(0).getClass();
        for (Object v : values) {
            if (v.getClass() != type) {
                throw new IllegalArgumentException(name + ": a Choice's values must all be of one type, found "
                        + type.getSimpleName() + " and " + v.getClass().getSimpleName());
            }
        }
        if (type != Long.class && type != Double.class && type != String.class && type != Boolean.class) {
            throw new IllegalArgumentException(name + ": a Choice's values must be integers, numbers, strings or booleans, found "
                    + type.getSimpleName());
        }
        defaultValue = defaultValue == null ? values.get(0) : widen(defaultValue);
        if (!values.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": the default " + defaultValue + " is not one of " + values);
        }
    }

    private static Object widen(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value == null) {
            throw new IllegalArgumentException("a Choice's values may not be null");
        }
        return value;
    }

    @Override
    public Object probToValue(double prob) {
        return values.get(Sampling.index(prob, values.size()));
    }

    @Override
    public List<Object> gridValues() {
        return values;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("values", values);
        config.put("ordered", values.get(0) instanceof Number);
        config.put("default", defaultValue);
        return Map.of("class_name", "Choice", "config", config);
    }

    @Override
    public Object normalize(Object value) {
        Object v = widen(value);
        if (values.get(0) instanceof Double && v instanceof Long l) {
            return l.doubleValue();
        }
        return v;
    }
}
