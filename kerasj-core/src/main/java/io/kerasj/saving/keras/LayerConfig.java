package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One layer of a Keras model config: {@code {"class_name": ..., "config": {...}}}, in Keras 2's or Keras 3's layout.
 *
 * @param className the Keras class, e.g. {@code Dense}
 * @param name the layer's name
 * @param config the layer's {@code config} object
 * @param entry the whole entry (module, registered_name, build_config, inbound_nodes)
 */
public record LayerConfig(String className, String name, JsonNode config, JsonNode entry) {

    /** @return {@code className (layer 'name')}, as refusals name a layer */
    public String describe() {
        return className + " (layer '" + name + "')";
    }

    /**
     * @param key a config key
     * @return its text, or empty when absent or null
     */
    public Optional<String> text(String key) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /**
     * @param key a config key
     * @return true when the key is absent or null
     */
    public boolean isNull(String key) {
        JsonNode v = config.get(key);
        return v == null || v.isNull();
    }

    /**
     * The per-sample input shape the layer declares: Keras 2's {@code batch_input_shape}, Keras 3's
     * {@code batch_shape} (InputLayer) or {@code build_config.input_shape}, without the batch dimension.
     *
     * @return the shape, or empty when the layer declares none
     */
    public Optional<long[]> declaredInputShape() {
        for (JsonNode shape : new JsonNode[] {config.get("batch_input_shape"), config.get("batch_shape"),
                entry.path("build_config").get("input_shape")}) {
            if (shape != null && shape.isArray() && shape.size() >= 1) {
                return Optional.of(withoutBatch(shape));
            }
        }
        if (config.get("input_shape") != null && config.get("input_shape").isArray()) {
            JsonNode shape = config.get("input_shape");
            long[] out = new long[shape.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = shape.get(i).isNull() ? -1 : shape.get(i).asLong();
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }

    /** @return the names of the layers whose outputs this layer consumes (functional models), in order */
    public List<String> inboundLayers() {
        List<String> names = new ArrayList<>();
        collectInbound(entry.get("inbound_nodes"), names);
        return names;
    }

    private static void collectInbound(JsonNode node, List<String> names) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            JsonNode history = node.path("config").get("keras_history");
            if ("__keras_tensor__".equals(node.path("class_name").asText()) && history != null && history.isArray()) {
                names.add(history.get(0).asText());
                return;
            }
            node.elements().forEachRemaining(child -> collectInbound(child, names));
            return;
        }
        if (node.isArray()) {
            // Keras 2: [[["dense", 0, 0, {}]]]: a node is a list of [layer, node_index, tensor_index, kwargs]
            if (node.size() >= 3 && node.get(0).isTextual() && node.get(1).isNumber()) {
                names.add(node.get(0).asText());
                return;
            }
            node.elements().forEachRemaining(child -> collectInbound(child, names));
        }
    }

    static long[] withoutBatch(JsonNode shape) {
        long[] out = new long[shape.size() - 1];
        for (int i = 1; i < shape.size(); i++) {
            out[i - 1] = shape.get(i).isNull() ? -1 : shape.get(i).asLong();
        }
        return out;
    }
}
