package io.kerasj.saving.keras;

import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.ModelConfig.TensorRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras 3's {@code functional_from_config}: calls each layer on the tensors its nodes name, a node once the tensors it
 * takes exist and the layer's previous node is done (so node {@code k} of a layer is its {@code k}-th call), then
 * {@code Model(inputs, outputs, name)}. It runs in time linear in the nodes; a node that can never run (a cycle) is
 * named in the refusal.
 */
final class GraphReplay {
    private GraphReplay() {
    }

    private record Call(String layer, int index, List<TensorRef> takes) {
    }

    /**
     * @param file the file, for messages
     * @param config a functional model's config
     * @param layers its layers but the InputLayers, made from their configs, by name
     * @param seed the model's seed
     * @return the model
     */
    static Model functional(String file, ModelConfig config, Map<String, Layer> layers, long seed) {
        Map<String, List<List<KerasTensor>>> made = new HashMap<>();
        for (LayerConfig layer : config.layers()) {
            if (layer.className().equals("InputLayer")) {
                ModelConfig.InputSpec spec = new ModelConfig.InputSpec(layer.declaredInputShape().orElse(null), ModelConfig.inputDtype(layer), layer.name());
                made.put(layer.name(), new ArrayList<>(List.of(List.of(ModelBuilder.input(file, config.name(), spec)))));
            } else {
                made.put(layer.name(), new ArrayList<>());
            }
        }
        Set<String> inputLayers = new HashSet<>();
        config.layers().stream().filter(l -> l.className().equals("InputLayer")).forEach(l -> inputLayers.add(l.name()));
        List<Call> calls = new ArrayList<>();
        Map<String, Integer> firstCall = new HashMap<>();
        for (LayerConfig layer : config.layers()) {
            List<List<TensorRef>> nodes = config.nodes().get(layer.name());
            firstCall.put(layer.name(), calls.size());
            for (int k = 0; k < nodes.size(); k++) {
                calls.add(new Call(layer.name(), k, nodes.get(k)));
            }
        }
        // Kahn's order: a call waits for the calls that make its tensors and for its layer's previous call
        int[] waiting = new int[calls.size()];
        List<List<Integer>> next = new ArrayList<>();
        calls.forEach(c -> next.add(new ArrayList<>()));
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Set<Integer> before = new LinkedHashSet<>();
            if (call.index() > 0) {
                before.add(i - 1);
            }
            for (TensorRef ref : call.takes()) {
                if (!inputLayers.contains(ref.layer())) {
                    before.add(firstCall.get(ref.layer()) + ref.node());
                }
            }
            waiting[i] = before.size();
            for (int b : before) {
                next.get(b).add(i);
            }
            if (before.isEmpty()) {
                ready.add(i);
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            Call call = calls.get(i);
            List<KerasTensor> inputs = new ArrayList<>();
            for (TensorRef ref : call.takes()) {
                List<KerasTensor> outputs = made.get(ref.layer()).get(ref.node());
                if (ref.tensor() >= outputs.size()) {
                    throw new KerasFileException(file + ": layer '" + call.layer() + "' (node " + call.index() + ") takes " + ref
                            + ", but that node of layer '" + ref.layer() + "' gives " + outputs.size() + " output(s)");
                }
                inputs.add(outputs.get(ref.tensor()));
            }
            Layer layer = layers.get(call.layer());
            try {
                made.get(call.layer()).add(layer.applyAll(inputs));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new KerasFileException(file + ": cannot build " + config.layer(call.layer()).orElseThrow().describe() + " of model '"
                        + config.name() + "' on " + inputs.stream().map(KerasTensor::shapeText).toList() + ": " + e.getMessage(), e);
            }
            done++;
            for (int n : next.get(i)) {
                if (--waiting[n] == 0) {
                    ready.add(n);
                }
            }
        }
        if (done < calls.size()) {
            Call stuck = firstStuck(calls, waiting);
            throw new KerasFileException(file + ": model '" + config.name() + "' has a cycle: layer '" + stuck.layer() + "' (node "
                    + stuck.index() + ") waits for " + stuck.takes() + ", which never exist: expected a graph without cycles");
        }
        List<KerasTensor> inputs = tensors(config.inputs(), made);
        List<KerasTensor> outputs = new ArrayList<>();
        for (TensorRef ref : config.outputs()) {
            List<KerasTensor> node = made.get(ref.layer()).get(ref.node());
            if (ref.tensor() >= node.size()) {
                throw new KerasFileException(file + ": the output of model '" + config.name() + "' is " + ref + ", but that node gives "
                        + node.size() + " output(s)");
            }
            outputs.add(node.get(ref.tensor()));
        }
        Model model;
        try {
            model = new Model(inputs, outputs, config.name()).seed(seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KerasFileException(file + ": cannot build model '" + config.name() + "': " + e.getMessage(), e);
        }
        Set<String> used = new HashSet<>();
        model.layers().forEach(l -> used.add(l.name()));
        List<String> unused = config.layers().stream().map(LayerConfig::name).filter(n -> !used.contains(n)).toList();
        if (!unused.isEmpty()) {
            throw new KerasFileException(file + ": layers " + unused + " of model '" + config.name()
                    + "' lead to none of its outputs: expected every layer of the config in the model");
        }
        return model;
    }

    private static Call firstStuck(List<Call> calls, int[] waiting) {
        for (int i = 0; i < calls.size(); i++) {
            if (waiting[i] > 0) {
                return calls.get(i);
            }
        }
        throw new IllegalStateException("no call waits");
    }

    private static List<KerasTensor> tensors(List<TensorRef> refs, Map<String, List<List<KerasTensor>>> made) {
        List<KerasTensor> out = new ArrayList<>();
        for (TensorRef ref : refs) {
            out.add(made.get(ref.layer()).get(ref.node()).get(ref.tensor()));
        }
        return out;
    }
}
