package io.kerasj.engine;

import io.kerasj.layers.InputLayer;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of a functional model, as Keras 3's {@code map_graph} orders it: its input and output tensors, the
 * nodes from the inputs to the outputs (deepest first; the order the forward pass runs them), and the layers by
 * depth, then by the order a depth-first walk from the outputs first met them (Keras's {@code model.layers}).
 * Checks what Keras checks: every tensor reachable from the inputs, no cycle, layer names unique.
 *
 * @param inputs the input tensors, in order
 * @param outputs the output tensors, in order
 * @param nodes the nodes to run, inputs first
 * @param layers every layer, {@link InputLayer}s included, in Keras's order
 */
public record Network(List<KerasTensor> inputs, List<KerasTensor> outputs, List<Node> nodes, List<Layer> layers) {

    /**
     * @param inputs the input tensors
     * @param outputs the output tensors
     * @return the network between them
     * @throws IllegalArgumentException when an output cannot be computed from the inputs, or names clash
     */
    public static Network of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one input and one output tensor");
        }
        Set<KerasTensor> inputSet = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(inputs);
        List<Node> ordered = new ArrayList<>();
        Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
        Set<Node> finished = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor output : outputs) {
            visit(output, inputSet, finished, inProgress, ordered, firstSeen);
        }
        Set<Node> inGraph = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inGraph.addAll(ordered);
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            Node node = ordered.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            for (KerasTensor in : node.inputs()) {
                Node parent = in.node();
                if (inGraph.contains(parent)) {
                    nodeDepth.put(parent, Math.max(depth + 1, nodeDepth.getOrDefault(parent, 0)));
                }
            }
        }
        for (KerasTensor input : inputs) { // inputs not connected to an output still belong to the model
            if (input.node().isInput() && !layerDepth.containsKey(input.layer())) {
                layerDepth.put(input.layer(), 0);
                firstSeen.put(input.layer(), -1);
                nodeDepth.put(input.node(), 0);
            }
        }
        List<Node> nodes = new ArrayList<>(nodeDepth.keySet());
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            position.put(ordered.get(i), i);
        }
        nodes.sort(Comparator.comparingInt((Node n) -> -nodeDepth.get(n)).thenComparingInt(n -> position.getOrDefault(n, -1)));
        List<Layer> layers = new ArrayList<>(layerDepth.keySet());
        layers.sort(Comparator.comparingInt((Layer l) -> -layerDepth.get(l)).thenComparingInt(firstSeen::get));
        checkComputable(inputs, nodes);
        checkNames(layers);
        return new Network(List.copyOf(inputs), List.copyOf(outputs), List.copyOf(nodes), List.copyOf(layers));
    }

    private static void visit(KerasTensor tensor, Set<KerasTensor> inputs, Set<Node> finished, Set<Node> inProgress,
                              List<Node> ordered, Map<Layer, Integer> firstSeen) {
        Node node = tensor.node();
        if (node == null || finished.contains(node)) {
            return;
        }
        if (!node.isInput() && inputs.contains(tensor)) { // an intermediate tensor given as an input: the walk stops
            finished.add(node);
            return;
        }
        if (inProgress.contains(node)) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " from layer '" + node.layer().name() + "' is part of a cycle");
        }
        firstSeen.putIfAbsent(node.layer(), firstSeen.size());
        inProgress.add(node);
        for (KerasTensor in : node.inputs()) {
            visit(in, inputs, finished, inProgress, ordered, firstSeen);
        }
        finished.add(node);
        inProgress.remove(node);
        ordered.add(node);
    }

    private static void checkComputable(List<KerasTensor> inputs, List<Node> nodes) {
        Set<KerasTensor> computable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        computable.addAll(inputs);
        List<String> done = new ArrayList<>();
        for (Node node : nodes) {
            for (KerasTensor in : node.inputs()) {
                if (!computable.contains(in)) {
                    throw new IllegalArgumentException("Graph disconnected: cannot find parent for tensor " + in + " at layer '"
                            + node.layer().name() + "'. The following previous layers were accessed without issue: " + done);
                }
            }
            if (node.isInput() && !computable.containsAll(node.outputs())) {
                throw new IllegalArgumentException("Graph disconnected: the input " + node.outputs().get(0).name()
                        + " is used but is not one of the model's inputs");
            }
            done.add(node.layer().name());
            computable.addAll(node.outputs());
        }
    }

    private static void checkNames(List<Layer> layers) {
        Map<String, Integer> counts = new HashMap<>();
        layers.forEach(l -> counts.merge(l.name(), 1, Integer::sum));
        counts.forEach((name, count) -> {
            if (count > 1) {
                throw new IllegalArgumentException("The name \"" + name + "\" is used " + count
                        + " times in the model. All layer names should be unique.");
            }
        });
    }

    /** @return the layers that compute something: all but the {@link InputLayer}s */
    public List<Layer> computingLayers() {
        return layers.stream().filter(l -> !(l instanceof InputLayer)).toList();
    }

    /** @return each input's per-sample shape, in order */
    public List<long[]> inputShapes() {
        return inputs.stream().map(KerasTensor::shape).toList();
    }

    /** @return each output's per-sample shape, in order */
    public List<long[]> outputShapes() {
        return outputs.stream().map(KerasTensor::shape).toList();
    }

    /** @return the names of the inputs (their layers'), in order */
    public List<String> inputNames() {
        return inputs.stream().map(t -> t.layer().name()).toList();
    }

    /**
     * Keras 3's {@code output_names}: the name of the layer that made each output, made unique in order.
     *
     * @return the output names
     */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (KerasTensor t : outputs) {
            String name = t.layer().name();
            String unique = name;
            for (int k = 1; !used.add(unique); k++) {
                unique = name + "_" + k;
            }
            names.add(unique);
        }
        return names;
    }

    /** @return the unique weights of the computing layers, in layer order (a shared layer's once) */
    public List<io.kerasj.layers.WeightSpec> weightSpecs() {
        Map<io.kerasj.layers.WeightSpec, Boolean> seen = new LinkedHashMap<>();
        for (Layer layer : computingLayers()) {
            layer.weightSpecs().forEach(w -> seen.putIfAbsent(w, true));
        }
        return List.copyOf(seen.keySet());
    }
}
