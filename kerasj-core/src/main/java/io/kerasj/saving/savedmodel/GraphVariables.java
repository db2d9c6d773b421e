package io.kerasj.saving.savedmodel;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Lists the variables of a graph from its {@code VarHandleOp} (resource, named by {@code shared_name}) and
 * {@code VariableV2}/{@code Variable} (named by the node) nodes, with dtype and shape from their attrs.
 */
final class GraphVariables {

    private GraphVariables() {
    }

    /**
     * @param graph the graph
     * @return its variables in graph order
     */
    static List<VariableSpec> read(GraphDef graph) {
        List<VariableSpec> out = new ArrayList<>();
        for (NodeDef n : graph.getNodeList()) {
            boolean resource = n.getOp().equals("VarHandleOp");
            if (!resource && !n.getOp().equals("VariableV2") && !n.getOp().equals("Variable")) {
                continue;
            }
            String name = n.getName();
            AttrValue shared = n.getAttrMap().get("shared_name");
            if (resource && shared != null && !shared.getS().isEmpty()) {
                name = shared.getS().toStringUtf8();
            }
            AttrValue dtype = n.getAttrMap().get("dtype");
            List<Long> dims = new ArrayList<>();
            AttrValue shape = n.getAttrMap().get("shape");
            if (shape != null) {
                shape.getShape().getDimList().forEach(d -> dims.add(d.getSize()));
            }
            out.add(new VariableSpec(name, n.getName(), dtype == null ? "DT_INVALID" : dtype.getType().name(), dims));
        }
        return List.copyOf(out);
    }

    /**
     * The variables a reader cares about, each once. TensorFlow 2 SavedModels written around Keras 3 (its
     * {@code model.export()} and {@code tf.saved_model.save}) hold up to three handles per weight: the weight itself
     * (used by the functions), a copy initialized from it ({@code Variable}, {@code Variable_1}, ...) and a stale handle
     * that nothing but its own read op uses. Only the first is kept. Graphs with reference variables (TF1 style,
     * KerasJ's exports) and resource variables that every function uses are listed as {@link #read} lists them.
     *
     * @param graph the graph
     * @return its distinct variables in graph order
     */
    static List<VariableSpec> distinct(GraphDef graph) {
        java.util.Map<String, List<NodeDef>> consumers = new java.util.HashMap<>();
        for (NodeDef n : graph.getNodeList()) {
            for (String input : n.getInputList()) {
                String source = input.startsWith("^") ? input.substring(1) : input;
                int colon = source.indexOf(':');
                consumers.computeIfAbsent(colon < 0 ? source : source.substring(0, colon), k -> new ArrayList<>()).add(n);
            }
        }
        List<VariableSpec> out = new ArrayList<>();
        java.util.Set<String> hidden = new java.util.HashSet<>();
        for (VariableSpec v : read(graph)) {
            List<NodeDef> users = consumers.getOrDefault(v.node(), List.of());
            boolean usedByAFunction = users.stream().anyMatch(u -> u.getOp().endsWith("PartitionedCall"));
            boolean tf2 = graph.getNodeList().stream().anyMatch(n -> n.getOp().equals("StatefulPartitionedCall"));
            boolean copy = graph.getNodeList().stream().anyMatch(n -> n.getName().startsWith(v.node() + "/Initializer/")
                    && n.getOp().equals("ReadVariableOp"));
            if (tf2 && isResource(graph, v) && (!usedByAFunction || copy)) {
                hidden.add(v.name());
                continue;
            }
            out.add(v);
        }
        // the weight kept is often the stale handle's name plus _1: show the name Keras gave it
        List<VariableSpec> named = new ArrayList<>();
        for (VariableSpec v : out) {
            String base = v.name().replaceFirst("_\\d+$", "");
            boolean rename = !base.equals(v.name()) && hidden.contains(base)
                    && out.stream().noneMatch(o -> o.name().equals(base));
            named.add(rename ? new VariableSpec(base, v.node(), v.dtype(), v.shape()) : v);
        }
        return List.copyOf(named);
    }

    private static boolean isResource(GraphDef graph, VariableSpec v) {
        return graph.getNodeList().stream().anyMatch(n -> n.getName().equals(v.node()) && n.getOp().equals("VarHandleOp"));
    }
}
