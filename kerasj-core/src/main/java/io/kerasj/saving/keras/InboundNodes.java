package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.saving.keras.ModelConfig.TensorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a functional model's wiring: a layer's {@code inbound_nodes} and the model's {@code input_layers} and
 * {@code output_layers}. Keras 3 (config.json, and the {@code model_config} of a Keras 3 {@code .h5}) writes a node as
 * {@code {"args": [tensor or [tensors]], "kwargs": {...}}}, a tensor as
 * {@code {"class_name": "__keras_tensor__", "config": {"keras_history": [layer, node, tensor]}}}; Keras 2 writes a node
 * as a list {@code [[layer, node, tensor, kwargs], ...]}. Sizes are checked before anything is kept.
 */
final class InboundNodes {
    private InboundNodes() {
    }

    /**
     * @param file the file, for messages
     * @param layer the layer
     * @return per call of the layer, the tensors it takes, in order
     */
    static List<List<TensorRef>> parse(String file, LayerConfig layer) {
        JsonNode nodes = layer.entry().get("inbound_nodes");
        List<List<TensorRef>> calls = new ArrayList<>();
        if (nodes == null || nodes.isNull()) {
            return calls;
        }
        if (!nodes.isArray()) {
            throw refused(file, layer, "inbound_nodes is not a list");
        }
        if (nodes.size() > Limits.MAX_NODES) {
            throw new KerasFileException(file + ": " + layer.describe() + " has " + nodes.size() + " nodes (calls), expected at most "
                    + Limits.MAX_NODES);
        }
        for (JsonNode node : nodes) {
            List<TensorRef> tensors = new ArrayList<>();
            if (node.isObject()) {
                keras3Node(file, layer, node, tensors);
            } else if (node.isArray()) {
                keras2Node(file, layer, node, tensors);
            } else {
                throw refused(file, layer, "a node is " + LayerOptions.shortText(node) + ", expected {\"args\": ..., \"kwargs\": ...} or a list");
            }
            if (tensors.isEmpty()) {
                throw refused(file, layer, "a node takes no tensor");
            }
            calls.add(tensors);
        }
        return calls;
    }

    private static void keras3Node(String file, LayerConfig layer, JsonNode node, List<TensorRef> tensors) {
        JsonNode args = node.path("args");
        if (NumpyOperationFormat.isOperation(layer.entry()) && args.isArray() && args.size() == 2) {
            // an operation's call on two arguments (x + 3.0, x * y), as Keras 3 records it: its tensors here, a
            // number read by its format
            for (JsonNode arg : args) {
                if (!arg.isNumber()) {
                    tensors.add(kerasTensor(file, layer, arg));
                }
            }
            return;
        }
        if (!args.isArray() || args.size() != 1) {
            throw refused(file, layer, "a node passes " + (args.isArray() ? args.size() : 0) + " positional arguments "
                    + LayerOptions.shortText(args) + ": KerasJ calls a layer on one tensor or one list of tensors");
        }
        JsonNode arg = args.get(0);
        if (arg.isArray()) {
            if (arg.size() > Limits.MAX_NODE_INPUTS) {
                throw refused(file, layer, "a node takes " + arg.size() + " tensors, expected at most " + Limits.MAX_NODE_INPUTS);
            }
            for (JsonNode t : arg) {
                tensors.add(kerasTensor(file, layer, t));
            }
        } else {
            tensors.add(kerasTensor(file, layer, arg));
        }
        JsonNode kwargs = node.get("kwargs");
        if (kwargs != null && kwargs.isObject()) {
            kwargs.fields().forEachRemaining(e -> {
                if (e.getValue().toString().contains("__keras_tensor__")) {
                    throw refused(file, layer, "a node passes a tensor as keyword argument '" + e.getKey() + "'");
                }
            });
        }
    }

    private static TensorRef kerasTensor(String file, LayerConfig layer, JsonNode t) {
        if (!t.isObject() || !"__keras_tensor__".equals(t.path("class_name").asText())) {
            throw refused(file, layer, "a node takes " + LayerOptions.shortText(t) + ", expected a __keras_tensor__");
        }
        return triple(file, layer, t.path("config").path("keras_history"));
    }

    private static void keras2Node(String file, LayerConfig layer, JsonNode node, List<TensorRef> tensors) {
        if (node.size() > Limits.MAX_NODE_INPUTS) {
            throw refused(file, layer, "a node takes " + node.size() + " tensors, expected at most " + Limits.MAX_NODE_INPUTS);
        }
        for (JsonNode entry : node) {
            tensors.add(triple(file, layer, entry));
        }
    }

    /** {@code [layer, node, tensor]}, or Keras 2's {@code [layer, node, tensor, kwargs]}. */
    private static TensorRef triple(String file, LayerConfig layer, JsonNode h) {
        TensorRef ref = tripleOrNull(h);
        if (ref == null) {
            throw refused(file, layer, "a node refers to " + LayerOptions.shortText(h) + ", expected [layer name, node index, tensor index]");
        }
        return ref;
    }

    private static TensorRef tripleOrNull(JsonNode h) {
        if (h == null || !h.isArray() || h.size() < 3 || h.size() > 4 || !h.get(0).isTextual()
                || !h.get(1).canConvertToInt() || !h.get(2).canConvertToInt() || !h.get(1).isIntegralNumber() || !h.get(2).isIntegralNumber()) {
            return null;
        }
        return new TensorRef(h.get(0).asText(), h.get(1).asInt(), h.get(2).asInt());
    }

    /**
     * @param file the file, for messages
     * @param model the model's name
     * @param key {@code input_layers} or {@code output_layers}
     * @param node a bare triple {@code ["x", 0, 0]}, a list of them, or (Keras 3, inputs given by name) an object of
     *     them (in the order of its sorted keys, as Keras flattens it)
     * @return the tensors
     */
    static List<TensorRef> endpoints(String file, String model, String key, JsonNode node) {
        List<TensorRef> refs = new ArrayList<>();
        if (node != null && node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sorted.values().forEach(v -> refs.addAll(endpoints(file, model, key, v)));
            return refs;
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new KerasFileException(file + ": model '" + model + "' has no " + key + ": expected [layer name, node index, tensor index] or a list of them");
        }
        if (node.get(0).isTextual()) {
            refs.add(endpoint(file, model, key, node));
            return refs;
        }
        if (node.size() > Limits.MAX_NODE_INPUTS) {
            throw new KerasFileException(file + ": model '" + model + "' has " + node.size() + " " + key + ", expected at most " + Limits.MAX_NODE_INPUTS);
        }
        for (JsonNode e : node) {
            refs.add(endpoint(file, model, key, e));
        }
        return refs;
    }

    private static TensorRef endpoint(String file, String model, String key, JsonNode e) {
        TensorRef ref = tripleOrNull(e);
        if (ref == null) {
            throw new KerasFileException(file + ": model '" + model + "' has " + key + " entry " + LayerOptions.shortText(e)
                    + ", expected [layer name, node index, tensor index]");
        }
        return ref;
    }

    private static KerasFileException refused(String file, LayerConfig layer, String why) {
        return new KerasFileException(file + ": " + layer.describe() + ": " + why);
    }
}
