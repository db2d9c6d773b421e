package io.kerasj.saving.keras;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.saving.ObjectRegistration;
import io.kerasj.saving.RegisteredObjects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A registered object's entry in a saved config as JSON: {@link RegisteredObjects} (Keras 3's
 * {@code serialize_keras_object} and lookup) on Jackson's nodes, for the writers and readers of this package (a
 * custom layer, a Lambda's function, and any registered activation, loss or metric). Nothing in a file names code to
 * load: reading only finds what the program registered.
 */
final class CustomObjectFormat {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private CustomObjectFormat() {
    }

    /**
     * @param object a registered function, or an instance of a registered class
     * @param config its config (ignored for a function)
     * @param what what it is, for the message ({@code "loss mse"})
     * @return {@code {"module", "class_name", "config", "registered_name"}}
     * @throws IllegalArgumentException when it is not registered (Keras could not load it back)
     */
    static ObjectNode write(Object object, Map<String, ?> config, String what) {
        try {
            return KerasConfigWriter.json().valueToTree(RegisteredObjects.serialize(object, config));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
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
     * @param entry a serialized function or instance of a registered class
     * @param type what it must be ({@code Activation.class}, {@code Loss.class}, ...)
     * @param <T> its type
     * @return the registered function, or a new instance from its class's {@code fromConfig}; empty when nothing of the
     *     entry's kind and that type is registered under its name
     * @throws IllegalArgumentException when {@code fromConfig} refuses the config
     */
    static <T> Optional<T> readIfRegistered(JsonNode entry, Class<T> type) {
        return lookup(entry, type).map(r -> read(entry, type));
    }

    /**
     * Reads a registered loss or metric of a compile config, recording a problem instead of failing (the model then
     * loads uncompiled, or the file is refused, as the caller decides).
     *
     * @param what {@code "loss"} or {@code "metric"}, for the problem
     * @param entry the serialized object, which names it in the problem
     * @param read reads it ({@link #readIfRegistered}): empty when nothing fitting is registered
     * @param problems where a problem goes
     * @param <T> what it is
     * @return the object, or null with a problem recorded
     */
    static <T> T readOrRecord(String what, JsonNode entry, Supplier<Optional<T>> read, List<String> problems) {
        try {
            Optional<T> made = read.get();
            if (made.isEmpty()) {
                problems.add(what + " " + nameOf(entry) + ": no " + what + " is registered by that name"
                        + " (ObjectRegistration.registerKerasSerializable)");
            }
            return made.orElse(null);
        } catch (RuntimeException e) {
            problems.add(what + " " + nameOf(entry) + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * @param entry a serialized object
     * @return what the program registered under its name, if anything
     */
    static Optional<ObjectRegistration.Registered> lookup(JsonNode entry) {
        return entry.isObject() && entry.has("class_name") ? RegisteredObjects.lookup(key(entry)) : Optional.empty();
    }

    /**
     * @param entry a serialized object
     * @param type what it must be
     * @return what the program registered under its name, when it is of the entry's kind and fits {@code type}
     */
    static Optional<ObjectRegistration.Registered> lookup(JsonNode entry, Class<?> type) {
        return entry.isObject() && entry.has("class_name") ? RegisteredObjects.lookup(key(entry), type) : Optional.empty();
    }

    /** @return true when {@code entry} is a serialized function ({@code "class_name": "function"}) */
    static boolean isFunction(JsonNode entry) {
        return entry != null && entry.isObject() && entry.path("class_name").asText("").equals(RegisteredObjects.FUNCTION);
    }

    /** @return true when {@code entry} is a serialized object naming a registered name {@code "package>name"} */
    static boolean isRegisteredInstance(JsonNode entry) {
        return entry != null && entry.isObject() && entry.path("registered_name").isTextual()
                && entry.get("registered_name").asText().contains(">");
    }

    /**
     * @param entry a serialized object
     * @return true when it is a function, or an instance of a class by registered name, that the program registered
     */
    static boolean isRegisteredHere(JsonNode entry) {
        return (isFunction(entry) || isRegisteredInstance(entry)) && lookup(entry, Object.class).isPresent();
    }

    /**
     * @param entry a serialized object
     * @return true when it names no Keras object: a {@code registered_name} {@code "package>name"} (a Keras 2
     *     {@code class_name} of that form), a function by such a name, or a {@code module} outside Keras
     */
    static boolean isCustom(JsonNode entry) {
        String registered = entry.path("registered_name").isTextual() ? entry.get("registered_name").asText() : "";
        String className = entry.path("class_name").asText("");
        String module = entry.path("module").isTextual() ? entry.get("module").asText() : "";
        boolean namedFunction = isFunction(entry) && entry.path("config").asText("").contains(">");
        return registered.contains(">") || className.contains(">") || namedFunction
                || !module.isEmpty() && !module.equals("keras") && !module.startsWith("keras.") && !module.equals("builtins");
    }

    /** @return the name a serialized function or instance is registered by, for messages */
    static String nameOf(JsonNode entry) {
        return RegisteredObjects.nameOf(key(entry));
    }

    /** @return {@code custom class package>name (module m)}, as refusals name a custom object */
    static String describe(JsonNode entry) {
        return RegisteredObjects.describe(key(entry));
    }

    /** @return the JSON object as plain maps, lists and values */
    static Map<String, Object> toMap(JsonNode node) {
        return KerasConfigWriter.json().convertValue(node, MAP);
    }

    /** @return a config's values as JSON */
    static ObjectNode toJson(Map<String, ?> values) {
        return KerasConfigWriter.json().valueToTree(values);
    }

    /** What names an entry (its config only when that is a function's name), without converting a whole config. */
    private static Map<String, Object> key(JsonNode entry) {
        ObjectNode key = KerasConfigWriter.json().createObjectNode();
        for (String field : new String[] {"module", "class_name", "registered_name"}) {
            if (entry.has(field)) {
                key.set(field, entry.get(field));
            }
        }
        if (entry.path("config").isTextual()) {
            key.set("config", entry.get("config"));
        }
        return toMap(key);
    }
}
