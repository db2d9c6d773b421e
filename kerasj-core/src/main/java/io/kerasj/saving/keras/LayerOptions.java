package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import java.util.List;

/** Checks of Keras layer options shared by the layer formats; each unsupported option adds one phrase. */
final class LayerOptions {
    private LayerOptions() {
    }

    /** Options every layer has: float32 dtype (trainable is read by {@link #trainable(LayerConfig)}). */
    static void common(LayerConfig layer, List<String> problems) {
        JsonNode dtype = layer.config().get("dtype");
        String name = dtype == null || dtype.isNull() ? "float32"
                : dtype.isTextual() ? dtype.asText() : dtype.path("config").path("name").asText("float32");
        if (!name.equals("float32")) {
            problems.add(layer.className() + " option dtype=" + name + " (layer '" + layer.name() + "')");
        }
    }

    /** @return the layer's {@code trainable} (Keras writes {@code "trainable": false} for a frozen layer); true when absent */
    static boolean trainable(LayerConfig layer) {
        JsonNode node = layer.config().get("trainable");
        return node == null || !node.isBoolean() || node.asBoolean();
    }

    /** Options that must be absent or null. */
    static void mustBeNull(LayerConfig layer, List<String> problems, String... keys) {
        for (String key : keys) {
            if (!layer.isNull(key)) {
                problems.add(layer.className() + " option " + key + "=" + shortText(layer.config().get(key))
                        + " (layer '" + layer.name() + "')");
            }
        }
    }

    /** @return the activation, or null with a problem recorded */
    static Activation activation(LayerConfig layer, List<String> problems) {
        JsonNode a = layer.config().get("activation");
        if (a == null || a.isNull()) {
            return Activation.LINEAR;
        }
        if (a.isTextual()) {
            try {
                return Activation.of(a.asText());
            } catch (IllegalArgumentException e) {
                // recorded below
            }
        }
        if (CustomObjectFormat.isFunction(a)) {
            Activation custom = CustomObjectFormat.readIfRegistered(a, Activation.class).orElse(null);
            if (custom == null) {
                problems.add(layer.className() + " option activation=" + CustomObjectFormat.nameOf(a) + " (layer '" + layer.name()
                        + "'): no activation is registered by that name (ObjectRegistration.registerKerasSerializable)");
            }
            return custom;
        }
        problems.add(layer.className() + " option activation=" + shortText(a) + " (layer '" + layer.name()
                + "'; supported: " + Activation.names() + ", or a registered activation)");
        return null;
    }

    /**
     * Writes an activation as Keras does: a built-in by name, a registered custom one as a serialized function.
     *
     * @throws IllegalArgumentException for a custom activation that is not registered
     */
    static void writeActivation(ObjectNode config, Activation activation, String layerName) {
        if (activation.registeredName().isPresent()) {
            config.set("activation", CustomObjectFormat.write(activation, null, "layer '" + layerName + "' activation"));
        } else {
            try {
                config.put("activation", activation.kerasName());
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("layer '" + layerName + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * @return an int pair option ({@code 3} or {@code [3, 3]}) as two positive ints, the default when absent, or null
     *     with a problem recorded
     */
    static int[] pair(LayerConfig layer, List<String> problems, String key, int[] fallback) {
        JsonNode v = layer.config().get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problems.add(layer.className() + " option " + key + " missing (layer '" + layer.name() + "')");
            }
            return fallback;
        }
        if (v.isInt() && v.asInt() > 0) {
            return new int[] {v.asInt(), v.asInt()};
        }
        if (v.isArray() && v.size() == 2 && v.get(0).isInt() && v.get(1).isInt() && v.get(0).asInt() > 0 && v.get(1).asInt() > 0) {
            return new int[] {v.get(0).asInt(), v.get(1).asInt()};
        }
        problems.add(layer.className() + " option " + key + "=" + shortText(v) + " (layer '" + layer.name() + "')");
        return null;
    }

    /** Records a problem when a text option is present and differs from the only value KerasJ supports. */
    static void mustBe(LayerConfig layer, List<String> problems, String key, String... allowed) {
        String value = layer.text(key).orElse(allowed[0]);
        if (!java.util.Arrays.asList(allowed).contains(value)) {
            problems.add(layer.className() + " option " + key + "='" + value + "' (layer '" + layer.name() + "')");
        }
    }

    /** Records a problem when a boolean option is present and differs from the only value KerasJ supports. */
    static void mustBe(LayerConfig layer, List<String> problems, String key, boolean allowed) {
        JsonNode v = layer.config().get(key);
        if (v != null && !v.isNull() && v.asBoolean(allowed) != allowed) {
            problems.add(layer.className() + " option " + key + "=" + v + " (layer '" + layer.name() + "')");
        }
    }

    /** @return the layer, named as in the config, or null when problems were recorded since {@code before} */
    static <T extends io.kerasj.layers.Layer> T named(LayerConfig layer, List<String> problems, int before,
            java.util.function.Supplier<T> create) {
        if (problems.size() > before) {
            return null;
        }
        try {
            T built = create.get();
            built.setName(layer.name());
            return built;
        } catch (IllegalArgumentException e) {
            problems.add(layer.className() + " (layer '" + layer.name() + "'): " + e.getMessage());
            return null;
        }
    }

    /** @return {@code [a, b]} as a JSON array */
    static com.fasterxml.jackson.databind.node.ArrayNode ints(int... values) {
        var a = KerasConfigWriter.json().createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /** @return a float as the double Python prints for it ({@code 0.1f} as {@code 0.1}) */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    static String shortText(JsonNode node) {
        String s = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /**
     * @param layer the layer's config
     * @param problems where a value that is not a finite number is recorded
     * @param key the option
     * @param fallback the value when absent or null
     * @return the option's value
     */
    static double number(LayerConfig layer, List<String> problems, String key, double fallback) {
        JsonNode v = layer.config().get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            problems.add(layer.className() + " option " + key + "=" + shortText(v) + " (layer '" + layer.name() + "'; expected a number)");
            return fallback;
        }
        return v.asDouble();
    }

    /**
     * A number or a flat list of numbers, as Keras writes a Python float, a list or a numpy array
     * ({@code {"class_name": "__numpy__", "config": {"value": [...]}}}).
     *
     * @param layer the layer's config
     * @param problems where a value of another form is recorded
     * @param key the option
     * @param limit the most values accepted
     * @return the values (one for a scalar), or null when absent, null or refused
     */
    static float[] numbers(LayerConfig layer, List<String> problems, String key, int limit) {
        JsonNode v = layer.config().get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode values = v.isObject() && "__numpy__".equals(v.path("class_name").asText()) ? v.path("config").path("value") : v;
        if (values.isNumber() && Double.isFinite(values.asDouble())) {
            return new float[] {(float) values.asDouble()};
        }
        if (values.isArray() && values.size() >= 1 && values.size() <= limit) {
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode e = values.get(i);
                if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
                    out = null;
                    break;
                }
                out[i] = (float) e.asDouble();
            }
            if (out != null) {
                return out;
            }
        }
        problems.add(layer.className() + " option " + key + "=" + shortText(v) + " (layer '" + layer.name()
                + "'; expected a number or a flat list of at most " + limit + " numbers)");
        return null;
    }

    /**
     * @param values one value (written as a number) or more (a list)
     * @return the JSON Keras writes for them
     */
    static JsonNode numbersNode(float[] values) {
        if (values.length == 1) {
            return KerasConfigWriter.json().getNodeFactory().numberNode(decimal(values[0]));
        }
        var a = KerasConfigWriter.json().createArrayNode();
        for (float v : values) {
            a.add(decimal(v));
        }
        return a;
    }

    /**
     * @param layer the layer's config
     * @param problems where a seed that is not an integer is recorded
     * @return Keras's {@code seed}, or null
     */
    static Integer seed(LayerConfig layer, List<String> problems) {
        JsonNode v = layer.config().get("seed");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            problems.add(layer.className() + " option seed=" + shortText(v) + " (layer '" + layer.name() + "'; expected an integer)");
            return null;
        }
        return v.asInt();
    }
}
