package io.kerasj.saving.savedmodel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Lists the ops that loading and serving a SavedModel would run and refuses every op type that is not in
 * {@link OpAllowList} (the op types Keras and tf.keras models export). An allow-list, because a deny-list cannot be
 * complete: ops such as {@code DatasetFromGraph} run whole serialized graphs that no scan of node types can see into.
 *
 * <p>Scanned: every signature's outputs back to its inputs, the init op ({@code __saved_model_init_op}, main-op
 * collections), and the checkpoint restore op (where the checkpoint-reading ops it needs are allowed as well).
 * Function calls are followed through every function-valued attr ({@code f} of {@code StatefulPartitionedCall},
 * {@code then_branch}, {@code body}, ...) and through nodes whose op is a library function, recursively; a called
 * function is scanned whole. The save path ({@code saver_filename} → {@code SaveV2}) is not reachable from these
 * and is not scanned.
 */
public final class OpSafetyScanner {

    /** What a restore op runs besides the allow-list: reading the checkpoint it is given. */
    private static final Set<String> RESTORE_OPS = Set.of("RestoreV2", "Restore", "RestoreSlice");
    /** Where a refused op sits when it is a node of the graph itself rather than of a function. */
    public static final String GRAPH = "graph";

    private OpSafetyScanner() {
    }

    /**
     * Scans what loading and serving run: all signatures, the init op and the restore op.
     *
     * @param metaGraph the MetaGraphDef to scan
     * @return the reachable op types and the refused ones
     */
    public static SafetyReport scan(MetaGraphDef metaGraph) {
        Scan s = new Scan(metaGraph);
        for (SignatureDef sig : metaGraph.getSignatureDefMap().values()) {
            for (TensorInfo t : sig.getOutputsMap().values()) {
                s.fromTensor(t.getName(), Set.of());
            }
        }
        for (String key : List.of("saved_model_main_op", "legacy_init_op", "saved_model_init_op", "init_op")) {
            CollectionDef c = metaGraph.getCollectionDefMap().get(key);
            if (c != null) {
                c.getNodeList().getValueList().forEach(n -> s.fromTensor(n, Set.of()));
            }
        }
        if (metaGraph.hasSaverDef() && !metaGraph.getSaverDef().getRestoreOpName().isEmpty()) {
            s.fromTensor(metaGraph.getSaverDef().getRestoreOpName(), RESTORE_OPS);
        }
        return s.report();
    }

    /**
     * Scans one signature only, from its outputs back to its inputs.
     *
     * @param metaGraph the MetaGraphDef
     * @param signatureKey the signature
     * @return the reachable op types and the refused ones
     */
    public static SafetyReport scan(MetaGraphDef metaGraph, String signatureKey) {
        SignatureDef sig = metaGraph.getSignatureDefMap().get(signatureKey);
        if (sig == null) {
            throw new SavedModelException("signature '" + signatureKey + "' not found; the model has "
                    + new TreeSet<>(metaGraph.getSignatureDefMap().keySet()));
        }
        Scan s = new Scan(metaGraph);
        for (TensorInfo t : sig.getOutputsMap().values()) {
            s.fromTensor(t.getName(), Set.of());
        }
        return s.report();
    }

    /** One traversal: graph nodes backwards from fetches, functions whole. */
    private static final class Scan {
        private final Map<String, NodeDef> nodes = new HashMap<>();
        private final Map<String, FunctionDef> functions = new HashMap<>();
        private final Set<String> visitedNodes = new HashSet<>();
        private final Set<String> visitedFunctions = new HashSet<>();
        private final TreeSet<String> reachable = new TreeSet<>();
        private final List<SafetyReport.UnsafeOp> unsafe = new ArrayList<>();

        Scan(MetaGraphDef mg) {
            mg.getGraphDef().getNodeList().forEach(n -> nodes.put(n.getName(), n));
            mg.getGraphDef().getLibrary().getFunctionList().forEach(f -> functions.put(f.getSignature().getName(), f));
        }

        void fromTensor(String tensor, Set<String> allowed) {
            Deque<String> todo = new ArrayDeque<>();
            todo.push(nodeName(tensor));
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (!visitedNodes.add(name)) {
                    continue;
                }
                NodeDef n = nodes.get(name);
                if (n == null) {
                    continue;
                }
                visit(n, GRAPH, allowed);
                for (String in : n.getInputList()) {
                    todo.push(nodeName(in));
                }
            }
        }

        private void visit(NodeDef n, String where, Set<String> alsoAllowed) {
            String op = n.getOp();
            if (functions.containsKey(op)) {
                function(op, alsoAllowed);
            } else {
                reachable.add(op);
                if (!OpAllowList.allows(op) && !alsoAllowed.contains(op)) {
                    unsafe.add(new SafetyReport.UnsafeOp(op, where, n.getName()));
                }
            }
            for (AttrValue a : n.getAttrMap().values()) {
                attr(a, alsoAllowed);
            }
        }

        private void attr(AttrValue a, Set<String> allowed) {
            if (a.hasFunc()) {
                function(a.getFunc().getName(), allowed);
                a.getFunc().getAttrMap().values().forEach(v -> attr(v, allowed));
            }
            if (a.hasList()) {
                a.getList().getFuncList().forEach(f -> {
                    function(f.getName(), allowed);
                    f.getAttrMap().values().forEach(v -> attr(v, allowed));
                });
            }
        }

        private void function(String name, Set<String> allowed) {
            String key = name + (allowed.isEmpty() ? "" : "#restore");
            if (!visitedFunctions.add(key)) {
                return;
            }
            FunctionDef f = functions.get(name);
            if (f == null) {
                return;
            }
            for (NodeDef n : f.getNodeDefList()) {
                visit(n, name, allowed);
            }
        }

        SafetyReport report() {
            return new SafetyReport(reachable, unsafe);
        }

        private static String nodeName(String tensor) {
            String s = tensor.startsWith("^") ? tensor.substring(1) : tensor;
            int colon = s.indexOf(':');
            return colon < 0 ? s : s.substring(0, colon);
        }
    }
}
