package io.kerasj.models;

import io.kerasj.engine.Network;
import io.kerasj.engine.Summary;
import io.kerasj.layers.InputLayer;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Node;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
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
            List<Summary.GraphRow> rows = new ArrayList<>();
            for (Layer layer : model.layers()) {
                rows.add(new Summary.GraphRow(layer.name(), layer.className(), subclassed ? "multiple" : shapeText(layer),
                        layer.paramCount(), List.of()));
            }
            return Summary.formatChain(model.name(), rows, trainable, nonTrainable, Summary.LINE_LENGTH);
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

    /** TF 2.3's {@code sequential_like}: every node takes one input, the previous node's output, and no layer is called twice. */
    private static boolean isChain(Network network) {
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> nodes = network.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (!seen.add(node.layer()) || node.inputs().size() > 1
                    || (i > 0 && (node.inputs().isEmpty() || node.inputs().get(0).node() != nodes.get(i - 1)))) {
                return false;
            }
        }
        return true;
    }

    private static long[] shape(Layer layer) {
        List<long[]> shapes = layer.outputShapes();
        return shapes.size() == 1 ? Tensors.withBatch(-1, shapes.get(0)) : null;
    }

    private static String shapeText(Layer layer) {
        String text = Summary.shape(shape(layer));
        return layer instanceof InputLayer ? "[" + text + "]" : text;
    }
}
