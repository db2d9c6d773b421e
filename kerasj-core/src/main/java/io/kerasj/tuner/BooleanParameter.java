package io.kerasj.tuner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras Tuner's {@code hp.Boolean}: true or false, each drawn with probability 1/2.
 *
 * @param name the name
 * @param byDefault the value before a search chooses one: false unless given
 */
public record BooleanParameter(String name, boolean byDefault) implements HyperParameter {

    @Override
    public Object defaultValue() {
        return byDefault;
    }

    @Override
    public Object probToValue(double prob) {
        return prob >= 0.5;
    }

    @Override
    public List<Object> gridValues() {
        return List.of(false, true);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("default", byDefault);
        return Map.of("class_name", "Boolean", "config", config);
    }

    @Override
    public Object normalize(Object value) {
        return (Boolean) value;
    }
}
