package io.kerasj.saving;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.layers.Activation;
import java.util.List;

/** Checks of Keras layer options shared by the layer formats; each unsupported option adds one phrase. */
final class LayerOptions {
    private LayerOptions() {
    }

    /** Options every layer has: float32 dtype and trainable. */
    static void common(LayerConfig layer, List<String> problems) {
        JsonNode dtype = layer.config().get("dtype");
        String name = dtype == null || dtype.isNull() ? "float32"
                : dtype.isTextual() ? dtype.asText() : dtype.path("config").path("name").asText("float32");
        if (!name.equals("float32")) {
            problems.add(layer.className() + " option dtype=" + name + " (layer '" + layer.name() + "')");
        }
        if (layer.config().has("trainable") && !layer.config().get("trainable").asBoolean(true)) {
            problems.add(layer.className() + " option trainable=false (layer '" + layer.name() + "')");
        }
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
        problems.add(layer.className() + " option activation=" + shortText(a) + " (layer '" + layer.name()
                + "'; supported: relu, softmax, sigmoid, tanh, linear)");
        return null;
    }

    static String shortText(JsonNode node) {
        String s = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
