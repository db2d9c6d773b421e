package io.kerasj.savedmodel;

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
 * Lists the ops that loading and serving a SavedModel would run and refuses those that touch files, the network or
 * processes. Scanned: every signature's outputs back to its inputs, the init op ({@code __saved_model_init_op},
 * main-op collections), and the checkpoint restore op (where only the checkpoint-reading ops it needs are allowed).
 * Function calls are followed through every function-valued attr ({@code f} of {@code StatefulPartitionedCall},
 * {@code then_branch}, {@code body}, ...) and through nodes whose op is a library function, recursively; a called
 * function is scanned whole. The save path ({@code saver_filename} → {@code SaveV2}) is not reachable from these
 * and is not scanned.
 */
public final class OpSafetyScanner {

    private static final Map<String, String> DENIED = new HashMap<>();
    private static final Set<String> RESTORE_OPS = Set.of("RestoreV2", "Restore", "RestoreSlice");

    static {
        deny("reads files", "ReadFile", "MatchingFiles", "ImmutableConst", "InitializeTableFromTextFile",
                "InitializeTableFromTextFileV2", "LoadAndRemapMatrix", "GenerateVocabRemapping", "LoadDataset",
                "MatchingFilesDataset", "ExperimentalMatchingFilesDataset", "TFRecordDataset", "TFRecordDatasetV2",
                "FixedLengthRecordDataset", "FixedLengthRecordDatasetV2", "TextLineDataset", "CSVDataset",
                "CSVDatasetV2", "ExperimentalCSVDataset", "LMDBDataset", "ExperimentalLMDBDataset", "SqlDataset",
                "ExperimentalSqlDataset", "SnapshotDataset", "SnapshotDatasetV2", "SnapshotDatasetReader",
                "SnapshotNestedDatasetReader", "SnapshotChunkDataset", "ListSnapshotChunksDataset", "RecordInput");
        deny("writes files", "WriteFile", "SaveDataset", "SaveDatasetV2", "DatasetToTFRecord",
                "ExperimentalDatasetToTFRecord", "DistributedSave", "CalibrationStatisticsSaver",
                "FileSystemSetConfiguration");
        deny("reads or writes checkpoint files", "Save", "SaveV2", "SaveSlices", "Restore", "RestoreV2",
                "RestoreSlice", "MergeV2Checkpoints", "DTensorRestoreV2");
        deny("writes summary files", "CreateSummaryFileWriter", "CreateSummaryDbWriter", "SummaryWriter",
                "WriteSummary", "WriteScalarSummary", "WriteHistogramSummary", "WriteImageSummary",
                "WriteAudioSummary", "WriteGraphSummary", "WriteRawProtoSummary", "ImportEvent",
                "FlushSummaryWriter", "CloseSummaryWriter", "StatsAggregatorSetSummaryWriter");
        deny("runs Python code", "PyFunc", "PyFuncStateless", "EagerPyFunc");
        deny("uses the network", "Send", "Recv", "_Send", "_Recv", "_HostSend", "_HostRecv", "RpcClient",
                "RpcCall", "RpcServer", "RpcServerStart", "RpcServerRegister", "RpcGetValue", "RpcCheckStatus",
                "DeleteRpcFutureResource", "DataServiceDataset", "DataServiceDatasetV2", "DataServiceDatasetV3",
                "DataServiceDatasetV4", "RegisterDataset", "RegisterDatasetV2");
        deny("writes debug dumps to files or URLs", "DebugIdentity", "DebugIdentityV2", "DebugIdentityV3",
                "DebugNanCount", "DebugNumericSummary");
    }

    private static void deny(String reason, String... ops) {
        for (String op : ops) {
            DENIED.put(op, reason);
        }
    }

    private OpSafetyScanner() {
    }

    /**
     * @param op an op type
     * @param attrs the node's attrs (for ops that are unsafe only with some attrs, as PrintV2 to a file)
     * @return why the op is refused, or null when it is allowed
     */
    static String reasonToRefuse(String op, Map<String, AttrValue> attrs) {
        String r = DENIED.get(op);
        if (r != null) {
            return r;
        }
        if (op.startsWith("Reader") || op.endsWith("Reader") || op.endsWith("ReaderV2")) {
            return "reads files (queue reader)";
        }
        if (op.startsWith("Collective") || op.startsWith("_Nccl")) {
            return "communicates with other processes";
        }
        if (op.equals("PrintV2")) {
            AttrValue s = attrs.get("output_stream");
            String stream = s == null ? "stderr" : s.getS().toStringUtf8();
            if (!stream.equals("stderr") && !stream.equals("stdout") && !stream.startsWith("log(")) {
                return "prints to " + stream;
            }
        }
        if (op.equals("DecodeProtoV2") || op.equals("EncodeProto")) {
            AttrValue s = attrs.get("descriptor_source");
            String source = s == null ? "local://" : s.getS().toStringUtf8();
            if (!source.equals("local://") && !source.isEmpty()) {
                return "reads proto descriptors from " + source;
            }
        }
        return null;
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
                visit(n, "", allowed);
                for (String in : n.getInputList()) {
                    todo.push(nodeName(in));
                }
            }
        }

        private void visit(NodeDef n, String prefix, Set<String> allowed) {
            reachable.add(n.getOp());
            String reason = allowed.contains(n.getOp()) ? null : reasonToRefuse(n.getOp(), n.getAttrMap());
            if (reason != null) {
                unsafe.add(new SafetyReport.UnsafeOp(n.getOp(), prefix + n.getName(), reason));
            }
            if (functions.containsKey(n.getOp())) {
                function(n.getOp(), allowed);
            }
            for (AttrValue a : n.getAttrMap().values()) {
                attr(a, allowed);
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
                visit(n, name + "/", allowed);
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
