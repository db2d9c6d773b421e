package io.kerasj.savedmodel;

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
}
