package io.kerasj.saving.savedmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.Struct.StructuredValue;
import org.tensorflow.proto.Struct.TensorSpecProto;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Describes a SavedModel as {@code saved_model_cli show --dir DIR --all} does (every tag-set's SignatureDefs, the ops
 * of each MetaGraph, the concrete functions of the object graph) followed by what KerasJ adds: the TensorFlow and
 * Keras versions that wrote it, its variables with shapes and the op-safety verdict. It reads the protos only and
 * never hands the model to the native runtime, so unsafe models can be inspected too.
 */
public final class SavedModelInspector {

    private SavedModelInspector() {
    }

    /** TensorFlow's internal signature that runs the model's initializers; not a model entry point, so not shown. */
    static final String INIT_OP_SIGNATURE = "__saved_model_init_op";

    /**
     * @param dir a SavedModel directory
     * @return the description, lines separated by {@code \n}
     * @throws SavedModelException when the directory or its saved_model.pb cannot be read
     */
    public static String inspect(Path dir) {
        SavedModel sm = SavedModelFiles.readProto(dir);
        StringBuilder out = new StringBuilder();
        List<MetaGraphDef> metaGraphs = new ArrayList<>(sm.getMetaGraphsList());
        metaGraphs.sort(Comparator.comparing(SavedModelInspector::tagSet));
        for (MetaGraphDef mg : metaGraphs) {
            out.append("\nMetaGraphDef with tag-set: '").append(tagSet(mg))
                    .append("' contains the following SignatureDefs:\n");
            for (Map.Entry<String, SignatureDef> e : new TreeMap<>(mg.getSignatureDefMap()).entrySet()) {
                if (e.getKey().equals(INIT_OP_SIGNATURE)) {
                    continue;
                }
                out.append("\nsignature_def['").append(e.getKey()).append("']:\n");
                signature(out, e.getValue());
            }
            out.append("The MetaGraph with tag set ").append(pythonList(mg.getMetaInfoDef().getTagsList()))
                    .append(" contains the following ops: ").append(ops(mg)).append('\n');
        }
        MetaGraphDef serve = metaGraphs.stream().filter(m -> m.getMetaInfoDef().getTagsList().contains("serve"))
                .findFirst().orElse(metaGraphs.isEmpty() ? null : metaGraphs.get(0));
        if (serve != null && serve.hasObjectGraphDef()) {
            concreteFunctions(out, serve.getObjectGraphDef());
        }
        out.append("\nKerasJ:\n");
        if (serve == null) {
            out.append("  no MetaGraphDef\n");
            return out.substring(1);
        }
        Optional<String> keras = Optional.empty();
        boolean hasKerasMetadata = true;
        try {
            Optional<KerasMetadata> metadata = KerasMetadata.read(dir);
            hasKerasMetadata = metadata.isPresent();
            keras = metadata.flatMap(KerasMetadata::kerasVersion);
        } catch (SavedModelException e) {
            out.append("  keras_metadata.pb: ").append(e.getMessage()).append('\n');
        }
        String tf = serve.getMetaInfoDef().getTensorflowVersion();
        out.append("  Written by: TensorFlow ").append(tf.isEmpty() ? "(unrecorded)" : tf)
                .append(keras.map(k -> ", Keras " + k).orElse("")).append('\n');
        if (!hasKerasMetadata) {
            out.append("  Keras architecture: none (no keras_metadata.pb; the signatures still run)\n");
        }
        List<VariableSpec> vars = GraphVariables.distinct(serve.getGraphDef());
        out.append("  Variables (").append(vars.size()).append("):\n");
        int width = vars.stream().mapToInt(v -> v.name().length()).max().orElse(0);
        for (VariableSpec v : vars) {
            out.append("    ").append(String.format("%-" + width + "s", v.name())).append("  ")
                    .append(v.dtype()).append("  ").append(pythonTuple(v.shape())).append('\n');
        }
        SafetyReport safety = OpSafetyScanner.scan(serve);
        out.append("  Op safety (tag-set '").append(tagSet(serve)).append("'): ").append(safety.verdict()).append('\n');
        return out.substring(1);
    }

    private static void signature(StringBuilder out, SignatureDef sig) {
        out.append("  The given SavedModel SignatureDef contains the following input(s):\n");
        new TreeMap<>(sig.getInputsMap()).forEach((k, v) -> tensor(out, "inputs", k, v));
        out.append("  The given SavedModel SignatureDef contains the following output(s):\n");
        new TreeMap<>(sig.getOutputsMap()).forEach((k, v) -> tensor(out, "outputs", k, v));
        out.append("  Method name is: ").append(sig.getMethodName()).append('\n');
    }

    private static void tensor(StringBuilder out, String kind, String key, TensorInfo info) {
        out.append("    ").append(kind).append("['").append(key).append("'] tensor_info:\n");
        out.append("        dtype: ").append(info.getDtype().name()).append('\n');
        TensorShapeProto shape = info.getTensorShape();
        String s = shape.getUnknownRank() ? "unknown_rank"
                : pythonTuple(shape.getDimList().stream().map(TensorShapeProto.Dim::getSize).toList());
        out.append("        shape: ").append(s).append('\n');
        if (info.hasCooSparse()) {
            out.append("        name: ").append(info.getCooSparse().getValuesTensorName()).append('\n');
        } else {
            out.append("        name: ").append(info.getName()).append('\n');
        }
    }

    private static String ops(MetaGraphDef mg) {
        TreeSet<String> ops = new TreeSet<>();
        mg.getGraphDef().getNodeList().forEach(n -> ops.add(n.getOp()));
        for (FunctionDef f : mg.getGraphDef().getLibrary().getFunctionList()) {
            for (NodeDef n : f.getNodeDefList()) {
                ops.add(n.getOp());
            }
        }
        TreeSet<String> names = new TreeSet<>();
        mg.getGraphDef().getLibrary().getFunctionList().forEach(f -> names.add(f.getSignature().getName()));
        ops.removeAll(names);
        return ops.stream().map(o -> "'" + o + "'").collect(Collectors.joining(", ", "{", "}"));
    }

    /** The Python side lists the root's functions with their argument specs; this reads them from the object graph. */
    private static void concreteFunctions(StringBuilder out, SavedObjectGraph graph) {
        if (graph.getNodesCount() == 0) {
            return;
        }
        out.append("\nConcrete Functions:");
        SavedObject root = graph.getNodes(0);
        TreeMap<String, Integer> functions = new TreeMap<>();
        root.getChildrenList().forEach(c -> {
            if (c.getNodeId() < graph.getNodesCount()
                    && graph.getNodes(c.getNodeId()).getKindCase() == SavedObject.KindCase.FUNCTION) {
                functions.put(c.getLocalName(), c.getNodeId());
            }
        });
        for (Map.Entry<String, Integer> f : functions.entrySet()) {
            out.append("\n  Function Name: '").append(f.getKey()).append("'");
            int option = 1;
            for (String concrete : graph.getNodes(f.getValue()).getFunction().getConcreteFunctionsList()) {
                SavedConcreteFunction fn = graph.getConcreteFunctionsMap().get(concrete);
                if (fn == null) {
                    continue;
                }
                out.append("\n    Option #").append(option++).append("\n      Callable with:");
                StructuredValue sig = fn.getCanonicalizedInputSignature();
                List<StructuredValue> args = sig.hasTupleValue() && sig.getTupleValue().getValuesCount() > 0
                        && sig.getTupleValue().getValues(0).hasTupleValue()
                        ? sig.getTupleValue().getValues(0).getTupleValue().getValuesList() : List.of(sig);
                int a = 1;
                for (StructuredValue arg : args) {
                    out.append("\n        Argument #").append(a++);
                    if (arg.hasTensorSpecValue()) {
                        TensorSpecProto t = arg.getTensorSpecValue();
                        out.append("\n          ").append(t.getName()).append(": ").append(python(arg));
                    } else {
                        out.append("\n          DType: ").append(pythonType(arg));
                        out.append("\n          Value: ").append(python(arg));
                    }
                }
            }
        }
        out.append('\n');
    }

    private static String pythonType(StructuredValue v) {
        return switch (v.getKindCase()) {
            case BOOL_VALUE -> "bool";
            case NONE_VALUE -> "NoneType";
            case INT64_VALUE -> "int";
            case FLOAT64_VALUE -> "float";
            case STRING_VALUE -> "str";
            case LIST_VALUE -> "list";
            case TUPLE_VALUE -> "tuple";
            case DICT_VALUE -> "dict";
            default -> v.getKindCase().name().toLowerCase();
        };
    }

    private static String python(StructuredValue v) {
        return switch (v.getKindCase()) {
            case BOOL_VALUE -> v.getBoolValue() ? "True" : "False";
            case NONE_VALUE -> "None";
            case INT64_VALUE -> Long.toString(v.getInt64Value());
            case FLOAT64_VALUE -> Double.toString(v.getFloat64Value());
            case STRING_VALUE -> "'" + v.getStringValue() + "'";
            case LIST_VALUE -> v.getListValue().getValuesList().stream().map(SavedModelInspector::python)
                    .collect(Collectors.joining(", ", "[", "]"));
            case TUPLE_VALUE -> {
                List<String> items = v.getTupleValue().getValuesList().stream().map(SavedModelInspector::python).toList();
                yield items.size() == 1 ? "(" + items.get(0) + ",)" : "(" + String.join(", ", items) + ")";
            }
            case DICT_VALUE -> new TreeMap<>(v.getDictValue().getFieldsMap()).entrySet().stream()
                    .map(e -> "'" + e.getKey() + "': " + python(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
            case TENSOR_SPEC_VALUE -> {
                TensorSpecProto t = v.getTensorSpecValue();
                String shape = t.getShape().getUnknownRank() ? "<unknown>" : pythonTuple(t.getShape().getDimList()
                        .stream().map(TensorShapeProto.Dim::getSize).toList()).replace("-1", "None");
                yield "TensorSpec(shape=" + shape + ", dtype=tf." + pythonDtype(t.getDtype())
                        + ", name=" + (t.getName().isEmpty() ? "None" : "'" + t.getName() + "'") + ")";
            }
            default -> v.getKindCase().name();
        };
    }

    private static String pythonDtype(org.tensorflow.proto.DataType d) {
        return switch (d) {
            case DT_FLOAT -> "float32";
            case DT_DOUBLE -> "float64";
            case DT_HALF -> "float16";
            case DT_STRING -> "string";
            default -> d.name().substring(3).toLowerCase();
        };
    }

    private static String tagSet(MetaGraphDef mg) {
        return String.join(", ", mg.getMetaInfoDef().getTagsList());
    }

    private static String pythonList(List<String> items) {
        return items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static String pythonTuple(List<Long> dims) {
        if (dims.size() == 1) {
            return "(" + dims.get(0) + ",)";
        }
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
}
