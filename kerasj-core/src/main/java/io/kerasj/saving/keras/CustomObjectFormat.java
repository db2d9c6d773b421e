package io.kerasj.saving.keras;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.saving.ObjectRegistration;
import io.kerasj.saving.RegisteredObjects;
import java.util.Map;
import java.util.Optional;

/**
 * A registered object's entry in a saved config as JSON: {@link RegisteredObjects} on Jackson's nodes, for the
 * writers and readers of this package (a custom layer, and any registered activation, loss or metric).
 */
final class CustomObjectFormat {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private CustomObjectFormat() {
    }

    /**
     * @param object a registered function, or an instance of a registered class
     * @param config its config (ignored for a function)
     * @return {@code {"module", "class_name", "config", "registered_name"}}
     * @throws IllegalArgumentException when it is not registered
     */
    static ObjectNode write(Object object, Map<String, ?> config) {
        return KerasConfigWriter.json().valueToTree(RegisteredObjects.serialize(object, config));
    }

    /**
     * @param entry a serialized object
     * @param type what it must be
     * @param <T> its type
     * @return the registered function, or an instance from its class's {@code fromConfig}
     * @throws IllegalArgumentException when nothing fitting is registered under its name, or its config is refused
     */
    static <T> T read(JsonNode entry, Class<T> type) {
        return RegisteredObjects.deserialize(toMap(entry), type);
    }

    /**
     * @param entry a serialized object
     * @return what the program registered under its name, if anything
     */
    static Optional<ObjectRegistration.Registered> lookup(JsonNode entry) {
        if (!entry.isObject() || !entry.has("class_name")) {
            return Optional.empty();
        }
        ObjectNode key = KerasConfigWriter.json().createObjectNode();
        key.set("class_name", entry.get("class_name"));
        if (entry.has("registered_name")) {
            key.set("registered_name", entry.get("registered_name"));
        }
        if (entry.path("config").isTextual()) {
            key.set("config", entry.get("config"));
        }
        return RegisteredObjects.lookup(toMap(key));
    }

    /**
     * @param entry a serialized object
     * @return true when it names no Keras object: a {@code registered_name} {@code "package>name"} (a Keras 2
     *     {@code class_name} of that form), or a {@code module} outside Keras
     */
    static boolean isCustom(JsonNode entry) {
        String registered = entry.path("registered_name").isTextual() ? entry.get("registered_name").asText() : "";
        String className = entry.path("class_name").asText("");
        String module = entry.path("module").isTextual() ? entry.get("module").asText() : "";
        return registered.contains(">") || className.contains(">")
                || !module.isEmpty() && !module.equals("keras") && !module.startsWith("keras.") && !module.equals("builtins");
    }

    /** @return the JSON object as plain maps, lists and values */
    static Map<String, Object> toMap(JsonNode node) {
        return KerasConfigWriter.json().convertValue(node, MAP);
    }

    /** @return a config's values as JSON */
    static ObjectNode toJson(Map<String, ?> values) {
        return KerasConfigWriter.json().valueToTree(values);
    }
}
