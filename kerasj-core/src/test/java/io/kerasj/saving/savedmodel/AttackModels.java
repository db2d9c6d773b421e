package io.kerasj.saving.savedmodel;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Test fixture: the SavedModels of issue 20, exported with TF Java. Each signature takes x [-1, 4] and hides its
 * file access where a deny-list of node types cannot see it: inside a serialized GraphDef run by
 * {@code DatasetFromGraph}, or in a {@code PrintV2} whose output stream is a file.
 */
final class AttackModels {
    static final int WIDTH = 4;

    private AttackModels() {
    }

    /**
     * y [-1, n] = the n bytes of {@code file} as floats, each row: the file is read by a {@code ReadFile} node of a
     * serialized dataset graph.
     */
    static Path readsThroughDatasetFromGraph(Path dir, Path file, int n) throws IOException {
        GraphDef inner = datasetGraph(node("path", "Const", stringConst(file.toString())),
                NodeDef.newBuilder().setName("content").setOp("ReadFile").addInput("path").build(), "content");
        return export(dir, (tf, x) -> {
            Operand<TString> content = datasetElement(tf, inner, x);
            Operand<TFloat32> bytes = tf.dtypes.cast(tf.io.decodeRaw(content, TUint8.class), TFloat32.class);
            Operand<TFloat32> row = tf.reshape(tf.slice(bytes, tf.constant(new int[] {0}), tf.constant(new int[] {n})),
                    tf.constant(new int[] {1, n}));
            Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
            Operand<TFloat32> rows = tf.tile(row, tf.concat(java.util.List.of(batch, tf.constant(new int[] {1})), tf.constant(0)));
            return tf.reshape(rows, tf.constant(new int[] {-1, n}));
        });
    }

    /** y = x, after a {@code WriteFile} of {@code content} to {@code file} inside a serialized dataset graph. */
    static Path writesThroughDatasetFromGraph(Path dir, Path file, String content) throws IOException {
        GraphDef inner = datasetGraph(node("path", "Const", stringConst(file.toString())),
                node("text", "Const", stringConst(content)),
                NodeDef.newBuilder().setName("write").setOp("WriteFile").addInput("path").addInput("text").build(),
                NodeDef.newBuilder().setName("token").setOp("Const").putAllAttr(stringConst("written").getAttrMap())
                        .addInput("^write").build(), "token");
        return export(dir, (tf, x) -> {
            Operand<TString> token = datasetElement(tf, inner, x);
            return after(tf, token.op(), x);
        });
    }

    /** y = x, after a {@code PrintV2} of "leaked" to {@code file://file} (PrintV2 appends to the file). */
    static Path printsToAFile(Path dir, Path file) throws IOException {
        return export(dir, (tf, x) -> {
            org.tensorflow.Operation print = tf.scope().opBuilder("PrintV2", "print")
                    .addInput(tf.constant("leaked").asOutput())
                    .setAttr("output_stream", "file://" + file)
                    .build();
            return after(tf, print, x);
        });
    }

    /** Identity(x) that runs only after {@code first}. */
    private static Operand<TFloat32> after(Ops tf, org.tensorflow.Operation first, Operand<TFloat32> x) {
        return tf.scope().opBuilder("Identity", "after").addInput(x.asOutput()).addControlInput(first).build().output(0);
    }

    private interface Body {
        Operand<TFloat32> y(Ops tf, Operand<TFloat32> x);
    }

    private static Path export(Path dir, Body body) throws IOException {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, WIDTH)));
            Operand<TFloat32> y = tf.withName("y").identity(body.y(tf, x));
            SavedModelBundle.exporter(dir.toString()).withSession(s)
                    .withSignature(Signature.builder().key("serving_default").input("x", x).output("y", y).build())
                    .export();
        }
        return dir;
    }

    /**
     * The single string element of the dataset that {@code DatasetFromGraph} rebuilds from {@code inner}. It runs
     * on a string that depends on x (an empty substring of x[0, 0]), else Grappler would fold it into a variant
     * constant, which it cannot (a control dependency is not enough).
     */
    @SuppressWarnings("unchecked")
    private static Operand<TString> datasetElement(Ops tf, GraphDef inner, Operand<TFloat32> x) {
        Operand<TString> serialized = tf.constant(StandardCharsets.ISO_8859_1,
                new String(inner.toByteArray(), StandardCharsets.ISO_8859_1));
        Operand<TFloat32> first = tf.reshape(tf.slice(x, tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, 1})),
                tf.constant(new int[0]));
        Operand<TString> salt = tf.strings.substr(tf.dtypes.asString(first), tf.constant(0), tf.constant(0));
        Operand<TString> graphDef = tf.strings.join(java.util.List.of(serialized, salt));
        org.tensorflow.Operation dataset = tf.scope().opBuilder("DatasetFromGraph", "dataset")
                .addInput(graphDef.asOutput()).build();
        org.tensorflow.Operation element = tf.scope().opBuilder("DatasetToSingleElement", "element").addInput(dataset.output(0))
                .setAttr("output_types", new org.tensorflow.proto.DataType[] {DataType.DT_STRING})
                .setAttr("output_shapes", new Shape[] {Shape.scalar()})
                .build();
        return (Output<TString>) element.<TString>output(0);
    }

    /** A dataset graph: the given nodes, then a one-element TensorDataset of {@code elementNode}, then its _Retval. */
    private static GraphDef datasetGraph(Object... nodesThenElement) {
        GraphDef.Builder g = GraphDef.newBuilder();
        for (int i = 0; i < nodesThenElement.length - 1; i++) {
            g.addNode((NodeDef) nodesThenElement[i]);
        }
        String element = (String) nodesThenElement[nodesThenElement.length - 1];
        TensorShapeProto scalar = TensorShapeProto.getDefaultInstance();
        g.addNode(NodeDef.newBuilder().setName("TensorDataset").setOp("TensorDataset").addInput(element)
                .putAttr("Toutput_types", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()
                        .addType(DataType.DT_STRING)).build())
                .putAttr("output_shapes", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()
                        .addShape(scalar)).build()));
        g.addNode(NodeDef.newBuilder().setName("dataset").setOp("_Retval").addInput("TensorDataset")
                .putAttr("index", AttrValue.newBuilder().setI(0).build())
                .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_VARIANT).build()));
        g.getVersionsBuilder().setProducer(1205);
        return g.build();
    }

    private static NodeDef node(String name, String op, NodeDef attrs) {
        return attrs.toBuilder().setName(name).setOp(op).build();
    }

    private static NodeDef stringConst(String value) {
        return NodeDef.newBuilder()
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .setTensorShape(TensorShapeProto.getDefaultInstance())
                        .addStringVal(ByteString.copyFromUtf8(value))).build())
                .build();
    }
}
