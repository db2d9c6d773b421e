package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.InitializerConfig;
import io.kerasj.initializers.Initializers;
import java.util.LinkedHashMap;
import java.util.Map;

/** A layer's {@code kernel_initializer} or {@code bias_initializer} in a Keras config, both ways. */
final class InitializerFormat {
    private InitializerFormat() {
    }

    /**
     * @param initializer a layer's initializer
     * @return Keras's serialized form ({@code module}, {@code class_name}, {@code config}), or null where Keras has no
     *     name for it (Keras then uses the layer's default)
     */
    static JsonNode write(Initializer initializer) {
        InitializerConfig keras = initializer.config();
        if (keras == null) {
            return NullNode.getInstance();
        }
        return KerasConfigWriter.object("keras.initializers", keras.className(), KerasConfigWriter.json().valueToTree(keras.config()));
    }

    /**
     * @param layer the layer's config
     * @param key e.g. {@code kernel_initializer}
     * @return the initializer the config names, or null where it names none readably (the layer keeps its default;
     *     an initializer never stops a model from loading, since the file holds the weights)
     */
    static Initializer read(LayerConfig layer, String key) {
        JsonNode node = layer.config().path(key);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String className = node.isTextual() ? snakeToClass(node.asText()) : node.path("class_name").asText("");
        if (className.isEmpty()) {
            return null;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        node.path("config").fields().forEachRemaining(e -> config.put(e.getKey(),
                KerasConfigWriter.json().convertValue(e.getValue(), Object.class)));
        return Initializers.fromConfig(new InitializerConfig(className, config));
    }

    /** Keras accepts a name such as {@code "he_normal"} where a config is expected. */
    private static String snakeToClass(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
