package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.saving.Config;
import io.kerasj.saving.ObjectRegistration;
import java.util.Map;
import java.util.Optional;

/**
 * Registered functions and classes (activations, losses, metrics) in a {@code .keras} config, as Keras 3's
 * {@code serialize_keras_object} writes them: a function as {@code {"module": "builtins", "class_name": "function",
 * "config": "package>name", "registered_name": "function"}}, an instance of a registered class as
 * {@code {"module": null, "class_name": "ClassName", "config": {...}, "registered_name": "package>ClassName"}}.
 * Reading looks the name up among what the program registered; nothing in a file names code to load.
 */
final class RegisteredObjects {
    private RegisteredObjects() {
    }

    /**
     * @param function a function (an activation, a loss or metric function)
     * @param what what it is, for the message
     * @return its serialized form
     * @throws IllegalArgumentException when it is not registered (Keras could not load it back)
     */
    static ObjectNode writeFunction(Object function, String what) {
        String name = ObjectRegistration.getRegisteredName(function).orElseThrow(() -> new IllegalArgumentException(what
                + ": a custom function saves by its registered name; register it first with "
                + "ObjectRegistration.registerKerasSerializable(package, name, function)"));
        ObjectNode o = KerasConfigWriter.json().createObjectNode();
        o.put("module", "builtins");
        o.put("class_name", "function");
        o.put("config", name);
        o.put("registered_name", "function");
        return o;
    }

    /**
     * @param instance an instance of a registered class
     * @param config its {@code getConfig()}
     * @param what what it is, for the message
     * @return its serialized form
     * @throws IllegalArgumentException when its class is not registered
     */
    static ObjectNode writeInstance(Object instance, Map<String, Object> config, String what) {
        String name = ObjectRegistration.getRegisteredName(instance.getClass()).orElseThrow(() -> new IllegalArgumentException(what
                + ": a custom " + instance.getClass().getSimpleName() + " saves by its registered name; register its class "
                + "with ObjectRegistration.registerKerasSerializable(package, name, class, fromConfig)"));
        ObjectNode o = KerasConfigWriter.json().createObjectNode();
        o.putNull("module");
        o.put("class_name", instance.getClass().getSimpleName());
        o.set("config", KerasConfigWriter.json().valueToTree(config));
        o.put("registered_name", name);
        return o;
    }

    /** @return true when {@code node} is a serialized function ({@code "class_name": "function"}) */
    static boolean isFunction(JsonNode node) {
        return node != null && node.isObject() && node.path("class_name").asText("").equals("function");
    }

    /** @return true when {@code node} is a serialized object naming a registered name (a registered class) */
    static boolean isRegisteredInstance(JsonNode node) {
        return node != null && node.isObject() && node.path("registered_name").isTextual()
                && node.path("registered_name").asText().contains(">");
    }

    /**
     * @param node a serialized function
     * @param type what the function must be ({@code Activation.class}, ...)
     * @param <T> that type
     * @return the registered function, or empty when nothing of that type is registered under its name
     */
    static <T> Optional<T> readFunction(JsonNode node, Class<T> type) {
        return ObjectRegistration.getRegisteredObject(functionKey(node)).map(ObjectRegistration.Registered::function)
                .filter(type::isInstance).map(type::cast);
    }

    /** Keras's lookup key of a serialized function: its config under module builtins, else its registered name. */
    private static String functionKey(JsonNode node) {
        return node.path("module").asText("").equals("builtins") ? node.path("config").asText("")
                : node.path("registered_name").asText("");
    }

    /**
     * @param node a serialized instance of a registered class
     * @param type what the instance must be
     * @param <T> that type
     * @return a new instance from its registered {@code fromConfig}, or empty when no such class is registered
     * @throws IllegalArgumentException when {@code fromConfig} refuses the config
     */
    @SuppressWarnings("unchecked")
    static <T> Optional<T> readInstance(JsonNode node, Class<T> type) {
        Optional<ObjectRegistration.Registered> registered = ObjectRegistration.getRegisteredObject(node.path("registered_name").asText(""))
                .filter(r -> !r.isFunction() && type.isAssignableFrom(r.type()));
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        JsonNode config = node.path("config");
        Map<String, Object> values = config.isObject() ? KerasConfigWriter.json().convertValue(config, Map.class) : Map.of();
        Object made = registered.get().fromConfig().apply(Config.of(values));
        if (!type.isInstance(made)) {
            throw new IllegalArgumentException(node.path("registered_name").asText() + ": fromConfig returned "
                    + (made == null ? "null" : made.getClass().getSimpleName()) + ", expected a " + type.getSimpleName());
        }
        return Optional.of(type.cast(made));
    }

    /**
     * @param node a serialized object
     * @return true when it is a function or a class instance whose registered name the program registered
     */
    static boolean isRegisteredHere(JsonNode node) {
        String key = isFunction(node) ? functionKey(node) : isRegisteredInstance(node) ? node.path("registered_name").asText() : "";
        return !key.isEmpty() && ObjectRegistration.getRegisteredObject(key).isPresent();
    }

    /** @return the name a serialized function or instance is registered by, for messages */
    static String nameOf(JsonNode node) {
        return isFunction(node) && node.path("config").isTextual() ? node.path("config").asText()
                : node.path("registered_name").asText(node.path("class_name").asText(""));
    }
}
