package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Keras model config ({@code config.json} of a {@code .keras}, the {@code model_config} attribute of an
 * {@code .h5}) as a graph: its layers, each layer's calls ({@code inbound_nodes}, in Keras 3's
 * {@code __keras_tensor__} form or Keras 2's {@code [[name, node, tensor, kwargs], ...]} lists), the models nested in
 * it as layers, and its inputs and outputs. Every reference is checked against the layers before anything is built:
 * a node naming an unknown layer, a node or tensor index out of range, too many layers or nodes and too deep a nesting
 * are refused in one line.
 *
 * @param className {@code Sequential} or {@code Functional} ({@code Model} in Keras 2)
 * @param name the model's name
 * @param layers the layers in the config's order (a Functional's InputLayers included; a Sequential's left out)
 * @param nodes each layer's calls by layer name: per call, the tensors it takes, in order
 * @param nested the configs of the models used as layers, by layer name
 * @param inputs a Functional's inputs ({@code input_layers}); empty for a Sequential
 * @param outputs a Functional's outputs ({@code output_layers}); empty for a Sequential
 * @param sequentialInput a Sequential's input (its shape, dtype and name); null for a Functional
 */
public record ModelConfig(String className, String name, List<LayerConfig> layers, Map<String, List<List<TensorRef>>> nodes,
                          Map<String, ModelConfig> nested, List<TensorRef> inputs, List<TensorRef> outputs, InputSpec sequentialInput) {

    /**
     * One tensor a node takes: Keras's {@code keras_history}.
     *
     * @param layer the layer that made it
     * @param node which call of that layer (in this model)
     * @param tensor which output of that call
     */
    public record TensorRef(String layer, int node, int tensor) {
        @Override
        public String toString() {
            return layer + "[" + node + "][" + tensor + "]";
        }
    }

    /**
     * An input: Keras's {@code InputLayer}.
     *
     * @param shape the per-sample shape (-1 for an unknown dimension)
     * @param dtype its dtype name
     * @param name its name, or null
     */
    public record InputSpec(long[] shape, String dtype, String name) {
    }

    /** What one file may hold in all its models together, counted while parsing. */
    private static final class Budget {
        private int layers;
        private int nodes;
    }

    /**
     * @param file the file, for messages
     * @param root the parsed config: {@code {"class_name": ..., "config": ...}}
     * @return the model's graph
     * @throws KerasFileException when the config is not a Sequential or Functional model, or is inconsistent
     */
    public static ModelConfig parse(String file, JsonNode root) {
        return parse(file, root, new Budget(), 0);
    }

    private static ModelConfig parse(String file, JsonNode root, Budget budget, int depth) {
        String className = root.path("class_name").asText("");
        JsonNode config = root.path("config");
        String name = config.isObject() ? config.path("name").asText(className.toLowerCase()) : "sequential";
        if (depth > Limits.MAX_NESTING) {
            throw new KerasFileException(file + ": model '" + name + "' is nested " + depth + " models deep, expected at most "
                    + Limits.MAX_NESTING);
        }
        if (!isModel(className)) {
            throw new KerasFileException(file + ": the model is a " + (className.isEmpty() ? "config without class_name" : className)
                    + ", expected a Sequential or a Functional model");
        }
        List<LayerConfig> layers = layers(file, config.isArray() ? config : config.path("layers"), budget);
        Map<String, ModelConfig> nested = new LinkedHashMap<>();
        for (LayerConfig layer : layers) {
            if (isModel(layer.className())) {
                nested.put(layer.name(), parse(file, layer.entry(), budget, depth + 1));
            }
        }
        return className.equals("Sequential") ? sequential(file, name, config, layers, nested)
                : functional(file, className, name, config, layers, nested, budget);
    }

    /** @return true for the Keras classes of a model that can be a layer of another */
    static boolean isModel(String className) {
        return className.equals("Sequential") || className.equals("Functional") || className.equals("Model");
    }

    private static List<LayerConfig> layers(String file, JsonNode array, Budget budget) {
        if (!array.isArray()) {
            throw new KerasFileException(file + ": the model config has no list of layers");
        }
        budget.layers += array.size();
        if (array.size() > Limits.MAX_LAYERS || budget.layers > Limits.MAX_LAYERS) {
            throw new KerasFileException(file + ": the model has " + budget.layers + " layers, expected at most " + Limits.MAX_LAYERS);
        }
        List<LayerConfig> out = new ArrayList<>();
        for (JsonNode entry : array) {
            String className = entry.path("class_name").asText("");
            JsonNode config = entry.path("config");
            String name = config.path("name").asText(entry.path("name").asText(""));
            if (className.isEmpty() || name.isEmpty()) {
                throw new KerasFileException(file + ": a layer entry has no class_name or name: expected {\"class_name\": ..., \"config\": {\"name\": ...}}");
            }
            out.add(new LayerConfig(className, name, config, entry));
        }
        Set<String> seen = new HashSet<>();
        for (LayerConfig layer : out) {
            if (!seen.add(layer.name())) {
                throw new KerasFileException(file + ": two layers are named '" + layer.name() + "': expected unique layer names, as Keras requires");
            }
        }
        return out;
    }

    private static ModelConfig sequential(String file, String name, JsonNode config, List<LayerConfig> layers,
                                          Map<String, ModelConfig> nested) {
        List<LayerConfig> stack = new ArrayList<>();
        InputSpec input = null;
        for (LayerConfig layer : layers) {
            if (layer.className().equals("InputLayer")) {
                if (!stack.isEmpty() || input != null) {
                    throw new KerasFileException(file + ": " + layer.describe() + " is not the first layer of the Sequential model");
                }
                input = new InputSpec(layer.declaredInputShape().orElse(null), inputDtype(layer), layer.name());
            } else {
                if (stack.isEmpty() && (input == null || input.shape() == null)) {
                    long[] declared = layer.declaredInputShape().orElse(null);
                    if (declared == null && nested.containsKey(layer.name()) && nested.get(layer.name()).sequentialInput() != null) {
                        declared = nested.get(layer.name()).sequentialInput().shape();
                    }
                    input = new InputSpec(declared, input == null ? "float32" : input.dtype(), input == null ? null : input.name());
                }
                stack.add(layer);
            }
        }
        JsonNode built = config.path("build_input_shape");
        if ((input == null || input.shape() == null) && built.isArray() && built.size() >= 1) {
            input = new InputSpec(LayerConfig.withoutBatch(built), input == null ? "float32" : input.dtype(), input == null ? null : input.name());
        }
        if (input == null || input.shape() == null) {
            throw new KerasFileException(file + ": the Sequential model declares no input shape (no InputLayer, batch_input_shape"
                    + " or build_input_shape): it was saved before it was built");
        }
        if (stack.isEmpty()) {
            throw new KerasFileException(file + ": the model has no layers besides its input");
        }
        return new ModelConfig("Sequential", name, stack, Map.of(), nested, List.of(), List.of(), input);
    }

    private static ModelConfig functional(String file, String className, String name, JsonNode config, List<LayerConfig> layers,
                                          Map<String, ModelConfig> nested, Budget budget) {
        Map<String, LayerConfig> byName = new LinkedHashMap<>();
        layers.forEach(l -> byName.put(l.name(), l));
        Map<String, List<List<TensorRef>>> nodes = new LinkedHashMap<>();
        for (LayerConfig layer : layers) {
            List<List<TensorRef>> calls = InboundNodes.parse(file, layer);
            budget.nodes += calls.size();
            if (budget.nodes > Limits.MAX_NODES) {
                throw new KerasFileException(file + ": the model has more than " + Limits.MAX_NODES + " nodes (layer calls), expected at most "
                        + Limits.MAX_NODES);
            }
            if (layer.className().equals("InputLayer") && !calls.isEmpty()) {
                throw new KerasFileException(file + ": " + layer.describe() + " of model '" + name + "' takes the output of "
                        + calls.get(0) + ": an input takes no layer's output");
            }
            nodes.put(layer.name(), calls);
        }
        for (LayerConfig layer : layers) {
            List<List<TensorRef>> calls = nodes.get(layer.name());
            for (int n = 0; n < calls.size(); n++) {
                for (TensorRef ref : calls.get(n)) {
                    check(file, name, ref, byName, nodes, nested, layer.describe() + " (node " + n + ") takes the output of ");
                }
            }
        }
        List<TensorRef> inputs = InboundNodes.endpoints(file, name, "input_layers", config.get("input_layers"));
        List<TensorRef> outputs = InboundNodes.endpoints(file, name, "output_layers", config.get("output_layers"));
        for (TensorRef in : inputs) {
            check(file, name, in, byName, nodes, nested, "the input of model '" + name + "' is ");
            if (!byName.get(in.layer()).className().equals("InputLayer")) {
                throw new KerasFileException(file + ": the input of model '" + name + "' is " + byName.get(in.layer()).describe()
                        + ", expected an InputLayer");
            }
        }
        for (TensorRef out : outputs) {
            check(file, name, out, byName, nodes, nested, "the output of model '" + name + "' is ");
        }
        return new ModelConfig(className, name, layers, nodes, nested, inputs, outputs, null);
    }

    /** A reference must name a layer of this model, one of its calls, and an output that call can have. */
    private static void check(String file, String model, TensorRef ref, Map<String, LayerConfig> byName,
                              Map<String, List<List<TensorRef>>> nodes, Map<String, ModelConfig> nested, String what) {
        LayerConfig layer = byName.get(ref.layer());
        if (layer == null) {
            throw new KerasFileException(file + ": " + what + "'" + ref.layer() + "', which is no layer of model '" + model + "'");
        }
        int calls = layer.className().equals("InputLayer") ? 1 : nodes.get(ref.layer()).size();
        if (ref.node() < 0 || ref.node() >= calls) {
            throw new KerasFileException(file + ": " + what + ref + ": layer '" + ref.layer() + "' has " + calls
                    + " node(s) in model '" + model + "', node index " + ref.node() + " is out of range");
        }
        ModelConfig inner = nested.get(ref.layer());
        int outputs = inner == null ? 1 : Math.max(1, inner.outputs().size());
        if (ref.tensor() < 0 || ref.tensor() >= outputs) {
            throw new KerasFileException(file + ": " + what + ref + ": layer '" + ref.layer() + "' gives " + outputs
                    + " output(s), tensor index " + ref.tensor() + " is out of range");
        }
    }

    /**
     * @param layer an InputLayer's config
     * @return its dtype name ({@code float32} when it names none; a DTypePolicy's name)
     */
    static String inputDtype(LayerConfig layer) {
        JsonNode d = layer.config().get("dtype");
        if (d == null || d.isNull()) {
            return "float32";
        }
        return d.isObject() ? d.path("config").path("name").asText("float32") : d.asText("float32");
    }

    /** @return true for a Sequential */
    public boolean isSequential() {
        return sequentialInput != null;
    }

    /**
     * @param layerName a layer's name
     * @return the layer with this name, if any
     */
    public Optional<LayerConfig> layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
    }
}
