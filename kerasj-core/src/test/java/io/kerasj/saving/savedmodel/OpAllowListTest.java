package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/** The allow-list itself and the scan's decisions on hand-written MetaGraphDefs (no TensorFlow runtime needed). */
class OpAllowListTest {

    /** Every op the old deny-list named, its prefix families by example, and the ones issue 20 lists beside them. */
    static Stream<String> formerlyDeniedOps() {
        return Stream.of(
                "ReadFile", "MatchingFiles", "ImmutableConst", "InitializeTableFromTextFile",
                "InitializeTableFromTextFileV2", "LoadAndRemapMatrix", "GenerateVocabRemapping", "LoadDataset",
                "MatchingFilesDataset", "ExperimentalMatchingFilesDataset", "TFRecordDataset", "TFRecordDatasetV2",
                "FixedLengthRecordDataset", "FixedLengthRecordDatasetV2", "TextLineDataset", "CSVDataset",
                "CSVDatasetV2", "ExperimentalCSVDataset", "LMDBDataset", "ExperimentalLMDBDataset", "SqlDataset",
                "ExperimentalSqlDataset", "SnapshotDataset", "SnapshotDatasetV2", "SnapshotDatasetReader",
                "SnapshotNestedDatasetReader", "SnapshotChunkDataset", "ListSnapshotChunksDataset", "RecordInput",
                "WriteFile", "SaveDataset", "SaveDatasetV2", "DatasetToTFRecord", "ExperimentalDatasetToTFRecord",
                "DistributedSave", "CalibrationStatisticsSaver", "FileSystemSetConfiguration",
                "Save", "SaveV2", "SaveSlices", "Restore", "RestoreV2", "RestoreSlice", "MergeV2Checkpoints",
                "DTensorRestoreV2",
                "CreateSummaryFileWriter", "CreateSummaryDbWriter", "SummaryWriter", "WriteSummary",
                "WriteScalarSummary", "WriteHistogramSummary", "WriteImageSummary", "WriteAudioSummary",
                "WriteGraphSummary", "WriteRawProtoSummary", "ImportEvent", "FlushSummaryWriter",
                "CloseSummaryWriter", "StatsAggregatorSetSummaryWriter",
                "PyFunc", "PyFuncStateless", "EagerPyFunc",
                "Send", "Recv", "_Send", "_Recv", "_HostSend", "_HostRecv", "RpcClient", "RpcCall", "RpcServer",
                "RpcServerStart", "RpcServerRegister", "RpcGetValue", "RpcCheckStatus", "DeleteRpcFutureResource",
                "DataServiceDataset", "DataServiceDatasetV2", "DataServiceDatasetV3", "DataServiceDatasetV4",
                "RegisterDataset", "RegisterDatasetV2",
                "DebugIdentity", "DebugIdentityV2", "DebugIdentityV3", "DebugNanCount", "DebugNumericSummary",
                "TFRecordReaderV2", "TextLineReaderV2", "WholeFileReaderV2", "FixedLengthRecordReaderV2",
                "CollectiveReduce", "CollectiveGatherV2", "_NcclBroadcastSend",
                "PrintV2", "Print", "DecodeProtoV2", "EncodeProto",
                "DatasetFromGraph", "DatasetToSingleElement", "CacheDataset", "CacheDatasetV2", "TensorDataset",
                "MapDataset", "AnonymousIteratorV3", "IteratorGetNext");
    }

    @ParameterizedTest
    @MethodSource("formerlyDeniedOps")
    void everyFormerlyDeniedOpIsRefusedInsideAFunction(String op) {
        assertThat(OpAllowList.allows(op)).as(op + " must not be in " + OpAllowList.RESOURCE).isFalse();
        SafetyReport r = OpSafetyScanner.scan(callingAFunctionThatRuns(op));
        assertThat(r.safe()).isFalse();
        assertThat(r.unsafeOps()).containsExactly(new SafetyReport.UnsafeOp(op, "__inference_serve_7", "payload"));
        assertThat(r.verdict()).isEqualTo("UNSAFE: " + op + " (in __inference_serve_7)");
    }

    @Test
    void anUnknownOpTypeInABranchOfAnIfInAFunctionIsRefusedNamingItsFunction() {
        FunctionDef branch = function("__inference_then_3", node("payload", "SomeCustomOp"));
        NodeDef cond = node("cond", "StatelessIf").toBuilder()
                .putAttr("then_branch", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("__inference_then_3")).build())
                .build();
        MetaGraphDef mg = servingGraph(function("__inference_serve_7", cond), branch);
        SafetyReport r = OpSafetyScanner.scan(mg);
        assertThat(r.refusedOps()).isEqualTo("SomeCustomOp (in __inference_then_3)");
        assertThat(r.reachableOps()).contains("StatefulPartitionedCall", "StatelessIf", "SomeCustomOp")
                .doesNotContain("__inference_then_3", "__inference_serve_7");
    }

    @Test
    void aFunctionOfAllowedOpsPasses() {
        MetaGraphDef mg = servingGraph(function("__inference_serve_7", node("a", "MatMul"), node("b", "Softmax")));
        SafetyReport r = OpSafetyScanner.scan(mg);
        assertThat(r.safe()).as(r.verdict()).isTrue();
        assertThat(r.verdict()).startsWith("safe: every reachable op type is in KerasJ's allow-list");
    }

    @Test
    void restoreV2IsAllowedOnTheRestorePathOnly() {
        MetaGraphDef inSignature = servingGraph(function("__inference_serve_7", node("payload", "RestoreV2")));
        assertThat(OpSafetyScanner.scan(inSignature).refusedOps()).isEqualTo("RestoreV2 (in __inference_serve_7)");

        MetaGraphDef restore = MetaGraphDef.newBuilder()
                .setGraphDef(org.tensorflow.proto.GraphDef.newBuilder().addNode(node("restore_all", "NoOp").toBuilder()
                        .addInput("^restore")).addNode(node("restore", "RestoreV2")))
                .setSaverDef(org.tensorflow.proto.SaverDef.newBuilder().setRestoreOpName("restore_all"))
                .build();
        assertThat(OpSafetyScanner.scan(restore).safe()).isTrue();
    }

    @Test
    void noAllowedOpLooksLikeFileNetworkProcessOrDatasetAccess() {
        assertThat(OpAllowList.all()).hasSizeGreaterThan(60)
                .noneMatch(op -> op.matches(".*(Dataset|Iterator|Reader|File|Save|Restore|Summary|Print|Py|Send|Recv"
                        + "|Rpc|Debug|Collective|Nccl|Table|Immutable|Matching|Proto|Checkpoint|Event).*"));
    }

    @Test
    void aMalformedListIsAnErrorNotASkippedLine() throws Exception {
        assertThat(OpAllowList.parse(new BufferedReader(new StringReader("## family\nMatMul  # why\n\nRelu\n"))))
                .containsExactly("MatMul", "Relu");
        assertThatThrownBy(() -> OpAllowList.parse(new BufferedReader(new StringReader("MatMul Relu\n"))))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> OpAllowList.parse(new BufferedReader(new StringReader("Relu\nRelu\n"))))
                .hasMessageContaining("line 2");
    }

    /** serving_default: x → StatefulPartitionedCall(f=__inference_serve_7) whose function holds a node of op. */
    private static MetaGraphDef callingAFunctionThatRuns(String op) {
        return servingGraph(function("__inference_serve_7", node("payload", op)));
    }

    private static MetaGraphDef servingGraph(FunctionDef... functions) {
        NodeDef call = node("call", "StatefulPartitionedCall").toBuilder().addInput("x")
                .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("__inference_serve_7")).build())
                .build();
        org.tensorflow.proto.GraphDef.Builder g = org.tensorflow.proto.GraphDef.newBuilder()
                .addNode(node("x", "Placeholder")).addNode(call);
        for (FunctionDef f : functions) {
            g.getLibraryBuilder().addFunction(f);
        }
        return MetaGraphDef.newBuilder().setGraphDef(g)
                .putSignatureDef("serving_default", SignatureDef.newBuilder()
                        .putInputs("x", TensorInfo.newBuilder().setName("x:0").build())
                        .putOutputs("y", TensorInfo.newBuilder().setName("call:0").build()).build())
                .build();
    }

    private static FunctionDef function(String name, NodeDef... nodes) {
        return FunctionDef.newBuilder().setSignature(OpDef.newBuilder().setName(name)).addAllNodeDef(List.of(nodes)).build();
    }

    private static NodeDef node(String name, String op) {
        return NodeDef.newBuilder().setName(name).setOp(op).build();
    }
}
