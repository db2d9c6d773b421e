package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Keras model config ({@code config.json} of a {@code .keras}, the {@code model_config} attribute of an
 * {@code .h5}) reduced to what KerasJ can build: a chain of layers from one input to one output.
 *
 * @param className {@code Sequential}, {@code Functional} or {@code Model}
 * @param name the model's name
 * @param inputShape the per-sample input shape (-1 for an unknown dimension)
 * @param chain the layers from input to output, without the InputLayer
 * @param saved the layers in the order Keras saves their weights in a {@code .keras} file ({@code model.layers})
 */
public record ModelConfig(String className, String name, long[] inputShape, List<LayerConfig> chain, List<LayerConfig> saved) {

    /**
     * @param file the file, for messages
     * @param root the parsed config: {@code {"class_name": ..., "config": ...}}
     * @return the chain
     * @throws KerasFileException when the model is not a Sequential or a single-input, single-output chain
     */
    public static ModelConfig parse(String file, JsonNode root) {
        String className = root.path("class_name").asText("");
        JsonNode config = root.path("config");
        List<LayerConfig> layers = layers(file, config.isArray() ? config : config.path("layers"));
        String name = config.isObject() ? config.path("name").asText(className.toLowerCase()) : "sequential";
        return switch (className) {
            case "Sequential" -> sequential(file, name, config, layers);
            case "Functional", "Model" -> functional(file, className, name, config, layers);
            default -> throw new KerasFileException(file + ": the model is a " + (className.isEmpty() ? "config without class_name" : className)
                    + ", expected a Sequential or a Functional model");
        };
    }

    private static List<LayerConfig> layers(String file, JsonNode array) {
        if (!array.isArray()) {
            throw new KerasFileException(file + ": the model config has no list of layers");
        }
        if (array.size() > Limits.MAX_LAYERS) {
            throw new KerasFileException(file + ": the model has " + array.size() + " layers, expected at most " + Limits.MAX_LAYERS);
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

    private static ModelConfig sequential(String file, String name, JsonNode config, List<LayerConfig> layers) {
        List<LayerConfig> chain = new ArrayList<>();
        long[] input = null;
        for (LayerConfig layer : layers) {
            if (layer.className().equals("InputLayer")) {
                if (!chain.isEmpty() || input != null) {
                    throw new KerasFileException(file + ": " + layer.describe() + " is not the first layer of the Sequential model");
                }
                input = layer.declaredInputShape().orElse(null);
            } else {
                if (chain.isEmpty() && input == null) {
                    input = layer.declaredInputShape().orElse(null);
                }
                chain.add(layer);
            }
        }
        JsonNode built = config.path("build_input_shape");
        if (input == null && built.isArray() && built.size() >= 1) {
            input = LayerConfig.withoutBatch(built);
        }
        if (input == null) {
            throw new KerasFileException(file + ": the Sequential model declares no input shape (no InputLayer, batch_input_shape"
                    + " or build_input_shape): it was saved before it was built");
        }
        return new ModelConfig("Sequential", name, input, chain, chain);
    }

    private static ModelConfig functional(String file, String className, String name, JsonNode config, List<LayerConfig> layers) {
        List<String> inputs = endpoints(config.get("input_layers"));
        List<String> outputs = endpoints(config.get("output_layers"));
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new KerasFileException(file + ": the " + className + " model '" + name + "' has inputs " + inputs + " and outputs "
                    + outputs + ": KerasJ loads models with one input and one output");
        }
        Map<String, LayerConfig> byName = new LinkedHashMap<>();
        for (LayerConfig layer : layers) {
            byName.put(layer.name(), layer);
        }
        LayerConfig input = byName.get(inputs.get(0));
        if (input == null || !input.className().equals("InputLayer")) {
            throw new KerasFileException(file + ": the input of model '" + name + "' is " + inputs.get(0) + ", expected an InputLayer");
        }
        Map<String, List<String>> inboundOf = new HashMap<>();
        Map<String, List<LayerConfig>> consumers = new HashMap<>();
        for (LayerConfig layer : layers) {
            List<String> inbound = layer.inboundLayers();
            inboundOf.put(layer.name(), inbound);
            for (String from : new LinkedHashSet<>(inbound)) {
                consumers.computeIfAbsent(from, k -> new ArrayList<>()).add(layer);
            }
        }
        for (LayerConfig layer : layers) {
            for (String inbound : inboundOf.get(layer.name())) {
                if (!byName.containsKey(inbound)) {
                    throw new KerasFileException(file + ": " + layer.describe() + " takes the output of '" + inbound
                            + "', which is no layer of model '" + name + "'");
                }
            }
        }
        if (!byName.containsKey(outputs.get(0))) {
            throw new KerasFileException(file + ": the output of model '" + name + "' is '" + outputs.get(0) + "', which is no layer of it");
        }
        List<LayerConfig> chain = new ArrayList<>();
        Set<String> visited = new HashSet<>(Set.of(input.name()));
        String previous = input.name();
        while (!previous.equals(outputs.get(0))) {
            if (chain.size() >= layers.size()) {
                // unreachable with unique names and a checked chain, kept as the bound on the walk
                throw new KerasFileException(file + ": model '" + name + "' has a cycle of layers: expected a path from its input to its output");
            }
            String from = previous;
            List<LayerConfig> next = consumers.getOrDefault(from, List.of());
            if (next.size() != 1) {
                throw new KerasFileException(file + ": model '" + name + "' is not a simple chain: the output of layer '" + from
                        + "' goes to " + next.stream().map(LayerConfig::name).toList() + ": KerasJ loads one layer after another");
            }
            LayerConfig layer = next.get(0);
            if (!visited.add(layer.name())) {
                throw new KerasFileException(file + ": model '" + name + "' has a cycle: " + layer.describe()
                        + " comes again after layer '" + from + "'");
            }
            if (!inboundOf.get(layer.name()).equals(List.of(from))) {
                throw new KerasFileException(file + ": model '" + name + "' is not a simple chain: " + layer.describe()
                        + " takes the outputs of " + inboundOf.get(layer.name()));
            }
            chain.add(layer);
            previous = layer.name();
        }
        if (chain.size() != layers.size() - 1) {
            List<String> unused = layers.stream().filter(l -> !visited.contains(l.name())).map(LayerConfig::name).toList();
            throw new KerasFileException(file + ": model '" + name + "' is not a simple chain: layers " + unused
                    + " are off the path from its input to its output");
        }
        long[] shape = input.declaredInputShape().orElseThrow(() -> new KerasFileException(file + ": " + input.describe()
                + " declares no shape"));
        return new ModelConfig(className, name, shape, chain, layers);
    }

    /** Keras 3: {@code ["x", 0, 0]} or {@code [["x", 0, 0], ...]}; Keras 2: {@code [["x", 0, 0]]}. */
    private static List<String> endpoints(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            return names;
        }
        if (node.get(0).isTextual()) {
            names.add(node.get(0).asText());
        } else {
            for (JsonNode e : node) {
                if (e.isArray() && e.size() > 0 && e.get(0).isTextual()) {
                    names.add(e.get(0).asText());
                }
            }
        }
        return names;
    }

    /**
     * @param layerName a layer's name
     * @return the layer with this name in the chain, if any
     */
    public Optional<LayerConfig> layer(String layerName) {
        return chain.stream().filter(l -> l.name().equals(layerName)).findFirst();
    }
}
