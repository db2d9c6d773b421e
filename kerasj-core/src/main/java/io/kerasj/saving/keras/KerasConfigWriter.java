package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.engine.Network;
import io.kerasj.layers.InputLayer;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.ScalarOperation;
import io.kerasj.layers.Node;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a KerasJ model's {@code config.json} as Keras 3 writes it: a Sequential's stack, or a functional model's
 * layers with their {@code inbound_nodes} ({@code __keras_tensor__} arguments whose {@code keras_history} is
 * {@code [layer, node, tensor]}, node indices counted among the layer's calls in this model, as Keras's
 * {@code get_config} reindexes them) and its {@code input_layers} and {@code output_layers}. A model used as a layer is
 * written whole, in place.
 */
final class KerasConfigWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasConfigWriter() {
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** @return Keras 3's serialized object {@code {"module", "class_name", "config", "registered_name": null}} */
    static ObjectNode object(String module, String className, ObjectNode config) {
        ObjectNode o = JSON.createObjectNode();
        o.put("module", module);
        o.put("class_name", className);
        o.set("config", config);
        o.putNull("registered_name");
        return o;
    }

    /**
     * @param model the model
     * @param file the file, for messages
     * @return its Keras 3 config
     * @throws KerasFileException naming a layer that has no registered format
     */
    static ObjectNode write(Model model, String file) {
        ObjectNode root = model(model, file, 0);
        if (model.compileConfig() != null) {
            root.set("compile_config", CompileSettings.write(model.compileConfig(), model.learningRate()));
        }
        return root;
    }

    private static ObjectNode model(Model model, String file, int depth) {
        if (depth > Limits.MAX_NESTING) {
            throw new KerasFileException(file + ": model '" + model.name() + "' is nested more than " + Limits.MAX_NESTING + " models deep");
        }
        if (model instanceof Sequential sequential) {
            return sequential(sequential, file, depth);
        }
        // A subclassed model is saved as the graph its call() traced to: Keras loads it as a functional model with
        // the same layers, weights and outputs (its Java class is code, which a file never carries).
        return functional(model, file, depth);
    }

    /**
     * @param model a model being saved
     * @return its layers as the saved config lists them: a Sequential's stack, any other model's graph (a subclassed
     *     model's traced graph, inputs included), which is Keras's {@code model.layers} once loaded
     */
    static List<Layer> savedLayers(Model model) {
        return model instanceof Sequential ? model.layers() : model.network().layers();
    }

    private static ObjectNode sequential(Sequential model, String file, int depth) {
        ObjectNode config = JSON.createObjectNode();
        config.put("name", model.name());
        config.put("trainable", model.isTrainable());
        config.put("dtype", "float32");
        ArrayNode layers = config.putArray("layers");
        KerasTensor in = model.inputs().get(0);
        layers.add(inputLayer(in));
        for (Layer layer : model.layers()) {
            ObjectNode entry = layer(layer, file, depth);
            layers.add(entry);
        }
        config.set("build_input_shape", batchShape(model.inputShape()));
        ObjectNode root = object("keras", "Sequential", config);
        ObjectNode build = JSON.createObjectNode();
        build.set("input_shape", batchShape(model.inputShape()));
        root.set("build_config", build);
        return root;
    }

    private static ObjectNode functional(Model model, String file, int depth) {
        Network network = model.network();
        Map<Layer, List<Node>> calls = calls(network);
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        calls.values().forEach(nodes -> {
            for (int i = 0; i < nodes.size(); i++) {
                nodeIndex.put(nodes.get(i), i);
            }
        });
        ObjectNode config = JSON.createObjectNode();
        config.put("name", model.name());
        config.put("trainable", model.isTrainable());
        ArrayNode layers = config.putArray("layers");
        for (Layer layer : network.layers()) {
            ObjectNode entry;
            if (layer instanceof InputLayer input) {
                entry = inputLayer(input.input());
            } else {
                entry = layer(layer, file, depth);
            }
            entry.put("name", layer.name());
            ArrayNode inbound = entry.putArray("inbound_nodes");
            if (!(layer instanceof InputLayer)) {
                for (Node node : calls.getOrDefault(layer, List.of())) {
                    if (!node.isInput()) {
                        inbound.add(node(node, nodeIndex));
                    }
                }
            }
            layers.add(entry);
        }
        config.set("input_layers", endpoints(network.inputs(), nodeIndex));
        config.set("output_layers", endpoints(network.outputs(), nodeIndex));
        ObjectNode root = object("keras.src.models.functional", "Functional", config);
        root.put("registered_name", "Functional");
        ObjectNode build = JSON.createObjectNode();
        build.putNull("input_shape");
        root.set("build_config", build);
        return root;
    }

    /** Keras's {@code get_config}: each layer's calls in this model, in the order they were made (node 0, 1, ...). */
    private static Map<Layer, List<Node>> calls(Network network) {
        Map<Layer, List<Node>> byLayer = new IdentityHashMap<>();
        for (Node node : network.nodes()) {
            byLayer.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(node);
        }
        byLayer.values().forEach(nodes -> nodes.sort(Comparator.comparingInt(Node::index)));
        return byLayer;
    }

    private static ObjectNode node(Node node, Map<Node, Integer> nodeIndex) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode args = out.putArray("args");
        if (node.layer() instanceof ScalarOperation op) {
            if (op.constantFirst()) {
                args.add(LayerOptions.decimal(op.constant()));
            }
            args.add(tensor(node.inputs().get(0), nodeIndex));
            if (!op.constantFirst()) {
                args.add(LayerOptions.decimal(op.constant()));
            }
        } else if (node.inputs().size() == 1) {
            args.add(tensor(node.inputs().get(0), nodeIndex));
        } else {
            ArrayNode list = args.addArray();
            node.inputs().forEach(t -> list.add(tensor(t, nodeIndex)));
        }
        out.putObject("kwargs");
        return out;
    }

    private static ObjectNode tensor(KerasTensor tensor, Map<Node, Integer> nodeIndex) {
        ObjectNode config = JSON.createObjectNode();
        config.set("shape", batchShape(tensor.shape()));
        config.put("dtype", tensor.dtype());
        config.set("keras_history", history(tensor, nodeIndex));
        ObjectNode out = JSON.createObjectNode();
        out.put("class_name", "__keras_tensor__");
        out.set("config", config);
        return out;
    }

    private static ArrayNode history(KerasTensor tensor, Map<Node, Integer> nodeIndex) {
        ArrayNode h = JSON.createArrayNode();
        h.add(tensor.layer().name());
        h.add(nodeIndex.getOrDefault(tensor.node(), 0));
        h.add(tensor.index());
        return h;
    }

    /** Keras 3 writes one input or output as a bare {@code [layer, node, tensor]}, several as a list of them. */
    private static ArrayNode endpoints(List<KerasTensor> tensors, Map<Node, Integer> nodeIndex) {
        if (tensors.size() == 1) {
            return history(tensors.get(0), nodeIndex);
        }
        ArrayNode list = JSON.createArrayNode();
        tensors.forEach(t -> list.add(history(t, nodeIndex)));
        return list;
    }

    private static ObjectNode inputLayer(KerasTensor input) {
        ObjectNode c = JSON.createObjectNode();
        c.set("batch_shape", batchShape(input.shape()));
        c.put("dtype", input.dtype());
        c.put("sparse", false);
        c.put("name", input.layer().name());
        return object("keras.layers", "InputLayer", c);
    }

    /**
     * A layer's entry: its config by its {@link LayerFormat} (Keras's {@code module}, {@code class_name} and, for a
     * registered class, {@code registered_name}), or a nested model's whole config.
     */
    private static ObjectNode layer(Layer layer, String file, int depth) {
        if (layer instanceof Model inner) {
            return model(inner, file, depth + 1);
        }
        if (layer instanceof ScalarOperation op) { // Keras's entry of an operation: its name only, the number in its node
            ObjectNode entry = object(NumpyOperationFormat.MODULE, op.kind().kerasClassName(), JSON.createObjectNode().put("name", op.name()));
            entry.put("registered_name", op.kind().kerasClassName());
            return entry;
        }
        LayerFormat format = LayerRegistry.forLayer(layer).orElseThrow(() -> new KerasFileException(file
                + ": cannot save layer '" + layer.name() + "' of class " + layer.getClass().getName() + ": KerasJ saves "
                + String.join(", ", LayerRegistry.supported()) + ", and layer classes registered with"
                + " ObjectRegistration.registerKerasSerializable (Keras's register_keras_serializable)"));
        ObjectNode c = JSON.createObjectNode();
        c.put("name", layer.name());
        c.put("trainable", layer.isTrainable());
        c.put("dtype", "float32");
        RegularizationOptions.writeActivity(layer, c);
        try {
            format.write(layer, c);
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(file + ": cannot save layer '" + layer.name() + "': " + e.getMessage(), e);
        }
        c.set("dtype", dtypePolicy(c.get("dtype")));
        ObjectNode entry = object(format.module(), format.kerasClassName(), c);
        if (format instanceof RegisteredLayerFormat registered) {
            entry.put("registered_name", registered.registeredName());
        }
        ObjectNode build = JSON.createObjectNode();
        List<long[]> shapes = layer.inputShapes();
        if (shapes.size() == 1) {
            build.set("input_shape", batchShape(shapes.get(0)));
        } else {
            ArrayNode list = build.putArray("input_shape");
            shapes.forEach(s -> list.add(batchShape(s)));
        }
        entry.set("build_config", build);
        return entry;
    }

    /** Keras 3's {@code dtype}: a {@code DTypePolicy} by name ({@code dtype_policies.serialize}). */
    private static JsonNode dtypePolicy(JsonNode dtype) {
        if (dtype == null || !dtype.isTextual()) {
            return dtype;
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("name", dtype.asText());
        return object("keras", "DTypePolicy", config);
    }

    private static ArrayNode batchShape(long[] shape) {
        ArrayNode a = JSON.createArrayNode();
        a.addNull();
        for (long d : shape) {
            a.add(d);
        }
        return a;
    }

    /** @return the Keras class a layer is saved as: its format's, or a model's ({@code Functional}, {@code Sequential}) */
    static String kerasClass(Layer layer) {
        if (layer instanceof Model model) {
            return model.className();
        }
        return LayerRegistry.forLayer(layer).map(LayerFormat::kerasClassName).orElse(layer.className());
    }
}
