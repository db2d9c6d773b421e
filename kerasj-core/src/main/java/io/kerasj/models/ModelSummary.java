package io.kerasj.models;

import io.kerasj.engine.Network;
import io.kerasj.engine.Summary;
import io.kerasj.layers.InputLayer;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Node;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a model's {@code summary()}, chosen as TF 2.3's {@code print_summary} chooses: a Sequential, a
 * subclassed model (output shapes {@code multiple}) and a functional model that is a chain (one node per depth,
 * each of one input, no shared layer) in the three-column layout; any other graph with "Connected to".
 */
final class ModelSummary {
    private final Model model;

    private ModelSummary(Model model) {
        this.model = model;
    }

    static ModelSummary of(Model model) {
        return new ModelSummary(model);
    }

    String format(long trainable, long nonTrainable) {
        Network network = model.network();
        boolean subclassed = model.getClass() != Model.class && !(model instanceof Sequential);
        if (model instanceof Sequential || subclassed || isChain(network)) {
            List<Summary.Row> rows = new ArrayList<>();
            for (Layer layer : model.layers()) {
                rows.add(new Summary.Row(layer.name(), layer.className(), subclassed ? null : shape(layer), layer.paramCount()));
            }
            String text = Summary.format(model.name(), rows, trainable, nonTrainable);
            return model instanceof Sequential || subclassed ? text : inputShapesListed(text, model.layers());
        }
        Set<Node> inModel = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inModel.addAll(network.nodes());
        List<Summary.GraphRow> rows = new ArrayList<>();
        for (Layer layer : model.layers()) {
            List<String> connections = new ArrayList<>();
            for (Node node : layer.inboundNodes()) {
                if (inModel.contains(node)) {
                    for (KerasTensor in : node.inputs()) {
                        connections.add(in.layer().name() + "[" + in.node().index() + "][" + in.index() + "]");
                    }
                }
            }
            rows.add(new Summary.GraphRow(layer.name(), layer.className(), shapeText(layer), layer.paramCount(), connections));
        }
        return Summary.formatGraph(model.name(), rows, trainable, nonTrainable);
    }

    /** TF 2.3's {@code sequential_like}: one node per depth with one input, and no layer called twice. */
    private static boolean isChain(Network network) {
        Map<Integer, Integer> perDepth = new java.util.HashMap<>();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node node : network.nodes()) {
            if (node.inputs().size() > 1 || !seen.add(node.layer())) {
                return false;
            }
        }
        // nodes are in depth order; a chain has exactly one path, so each node's input is the previous node's output
        List<Node> nodes = network.nodes();
        for (int i = 1; i < nodes.size(); i++) {
            if (nodes.get(i).inputs().isEmpty() || nodes.get(i).inputs().get(0).node() != nodes.get(i - 1)) {
                return false;
            }
        }
        return perDepth.isEmpty();
    }

    private static long[] shape(Layer layer) {
        List<long[]> shapes = layer.outputShapes();
        return shapes.size() == 1 ? Tensors.withBatch(-1, shapes.get(0)) : null;
    }

    private static String shapeText(Layer layer) {
        String text = Summary.shape(shape(layer));
        return layer instanceof InputLayer ? "[" + text + "]" : text;
    }

    /** TF 2.3 prints an InputLayer's output shape as a list: {@code [(None, 8)]}. */
    private static String inputShapesListed(String text, List<Layer> layers) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String fixed = line;
            for (Layer layer : layers) {
                String head = layer.name() + " (InputLayer)";
                if (layer instanceof InputLayer && line.startsWith(head)) {
                    String shape = Summary.shape(shape(layer));
                    int at = line.indexOf(shape, head.length());
                    if (at > 0) {
                        String listed = "[" + shape + "]";
                        String padded = line.substring(0, at) + listed + line.substring(Math.min(line.length(), at + listed.length()));
                        fixed = padded.length() > line.length() ? padded.substring(0, line.length()) : padded;
                    }
                }
            }
            out.append(fixed).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
