package io.kerasj.initializers;

import java.util.Map;

/**
 * How Keras names an initializer in a model's config: {@code {"class_name": "LecunNormal", "config": {"seed": null}}}.
 *
 * @param className Keras's class name, e.g. {@code GlorotUniform}
 * @param config its arguments as Keras records them (numbers, strings, null), in order
 */
public record InitializerConfig(String className, Map<String, Object> config) {
    /**
     * Checks and copies the arguments.
     *
     * @param className Keras's class name
     * @param config its arguments
     */
    public InitializerConfig {
        java.util.Objects.requireNonNull(className, "className");
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /**
     * @param className Keras's class name
     * @return the config of an initializer whose only argument is its seed, unset ({@code {"seed": null}})
     */
    static InitializerConfig seeded(String className) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("seed", null);
        return new InitializerConfig(className, config);
    }
}
