package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A layer argument that Keras serializes as an object (a regularizer, a constraint): Keras 3's
 * {@code {"module", "class_name", "config", "registered_name"}}, Keras 2's {@code {"class_name", "config"}}, or a name
 * ({@code "l2"}), both ways.
 */
final class KerasObjectConfig {
    private KerasObjectConfig() {
    }

    /**
     * @param module Keras's module, e.g. {@code keras.regularizers}
     * @param className the object's Keras class, or null for none
     * @param config its config
     * @return Keras 3's serialized object, or JSON null
     */
    static JsonNode write(String module, String className, Map<String, Object> config) {
        if (className == null) {
            return NullNode.getInstance();
        }
        ObjectNode c = KerasConfigWriter.json().valueToTree(config);
        return KerasConfigWriter.object(module, className, c);
    }

    /**
     * @param layer the layer's config
     * @param key the argument, e.g. {@code kernel_regularizer}
     * @param byName Keras's {@code get(name)}
     * @param fromConfig Keras's {@code deserialize(class_name, config)}
     * @param problems where an object KerasJ cannot read is recorded
     * @return the object, or null when the argument is absent or null (or unreadable, with a problem recorded)
     */
    static <T> T read(LayerConfig layer, String key, Function<String, T> byName, BiFunction<String, Map<String, Object>, T> fromConfig,
                      java.util.List<String> problems) {
        JsonNode node = layer.config().get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return byName.apply(node.asText());
            }
            String className = node.path("class_name").asText("");
            JsonNode configNode = node.path("config");
            if (!node.isObject() || className.isEmpty() || !(configNode.isObject() || configNode.isMissingNode())) {
                throw new IllegalArgumentException("expected a Keras object with class_name and config");
            }
            Map<String, Object> config = new LinkedHashMap<>();
            configNode.fields().forEachRemaining(e -> config.put(e.getKey(),
                    KerasConfigWriter.json().convertValue(e.getValue(), Object.class)));
            return fromConfig.apply(className, config);
        } catch (IllegalArgumentException e) {
            problems.add(layer.className() + " option " + key + "=" + LayerOptions.shortText(node) + " (layer '" + layer.name() + "': "
                    + e.getMessage() + ")");
            return null;
        }
    }
}
