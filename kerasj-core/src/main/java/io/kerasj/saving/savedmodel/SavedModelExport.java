package io.kerasj.saving.savedmodel;

import io.kerasj.saving.keras.KerasFiles;

import io.kerasj.runtime.Tensors;
import io.kerasj.models.Model;
import io.kerasj.engine.Forward;
import io.kerasj.runtime.NativeRuntime;
import io.kerasj.io.AtomicFiles;
import io.kerasj.io.IoMessages;
import io.kerasj.io.OutputKind;
import io.kerasj.io.OwnedOutputs;
import io.kerasj.io.Publication;
import io.kerasj.KerasJException;
import io.kerasj.engine.Network;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Weight;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TNumber;

/**
 * Writes a model as a TensorFlow SavedModel of its inference graph (not the training graph): tag {@code serve},
 * signature {@code serving_default} with Keras's names, and the trained variables. A Sequential's one input is
 * {@code <first layer>_input} and its output {@code <last layer>}; any other graph names every input by its input
 * name and every output by its output name ({@code model.input_names}, {@code model.output_names}), integer inputs
 * keeping their dtype. Java's {@code SavedModelBundle}, Python's
 * {@code tf.saved_model.load(dir).signatures["serving_default"]} and TF Serving load it.
 *
 * <p>The model is written into a hidden staging folder beside the target and published by a rename
 * ({@link Publication}), so a crash never leaves half a model; an existing directory is replaced only when asked and
 * only if it is a SavedModel KerasJ wrote ({@link OwnedOutputs}), and stays intact if the export fails.
 */
public final class SavedModelExport {

    static {
        NativeRuntime.ensureLoaded();
    }
    private SavedModelExport() {
    }

    /**
     * @param model a model with layers (its current weights are exported)
     * @param dir the SavedModel directory to create
     * @param overwrite whether an existing {@code dir} may be replaced; only a SavedModel KerasJ wrote is
     * @throws io.kerasj.io.OutputRefusedException when {@code dir} may not be written (see {@link OwnedOutputs})
     * @throws KerasJException when the export fails; {@code dir} is then as it was
     */
    public static void export(Model model, Path dir, boolean overwrite) {
        export(model, dir, overwrite, () -> { });
    }

    /** As {@link #export(Model, Path, boolean)}, running {@code beforeRename} once the new model is complete. */
    static void export(Model model, Path dir, boolean overwrite, Runnable beforeRename) {
        try (Publication publication = Publication.begin(dir, OutputKind.SAVED_MODEL, overwrite, KerasFiles.OVERWRITE_ARGUMENT)) {
            writeInto(model, publication.staged(), dir);
            beforeRename.run();
            publication.commit();
        } catch (KerasJException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasJException(dir.toAbsolutePath().normalize() + ": export failed: " + IoMessages.describe(e), e);
        }
    }

    /**
     * Writes the model as a complete SavedModel into a new directory, without publishing: callers that publish it
     * with other files (a report, a run folder) use a {@link Publication}.
     *
     * @param model a model with layers
     * @param dir a directory that does not exist yet
     * @throws KerasJException when the SavedModel cannot be written
     */
    public static void writeInto(Model model, Path dir) {
        writeInto(model, dir, dir);
    }

    /**
     * As {@link #writeInto(Model, Path)}, naming {@code target} (where the SavedModel will be published) in
     * messages rather than the staging directory.
     *
     * @param model a model with layers
     * @param dir a directory that does not exist yet
     * @param target the path the SavedModel will be published at
     */
    public static void writeInto(Model model, Path dir, Path target) {
        try {
            writeSavedModel(model, dir);
            recordWriter(dir.resolve("saved_model.pb"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof KerasJException k) {
                throw k;
            }
            throw new KerasJException(target.toAbsolutePath().normalize() + ": export failed: " + IoMessages.describe(e), e);
        }
    }

    /**
     * The signature's input keys, as Keras names them: a Sequential's one input {@code <first layer>_input} (Keras 2's
     * auto-named input layer), any other model's the names of its inputs ({@code model.input_names}, the keys of
     * Keras 3's {@code model.export()}).
     */
    static List<String> inputKeys(Model model) {
        if (model instanceof Sequential) {
            return List.of(model.layers().get(0).name() + "_input");
        }
        return model.inputNames();
    }

    /**
     * The signature's output keys: a Sequential's last layer, any other model's output names
     * ({@code model.output_names}: the layers that made the outputs).
     */
    static List<String> outputKeys(Model model) {
        if (model instanceof Sequential) {
            List<Layer> layers = model.layers();
            return List.of(layers.get(layers.size() - 1).name());
        }
        return model.outputNames();
    }

    /**
     * Records the runtime that wrote the model in its MetaGraphDef ({@code meta_info_def.tensorflow_version}), as
     * Python does: TensorFlow Java's exporter leaves it empty, and {@code saved_model_cli} and KerasJ's
     * {@code inspect} show it.
     */
    private static void recordWriter(Path savedModelPb) throws IOException {
        SavedModel savedModel = SavedModel.parseFrom(Files.readAllBytes(savedModelPb));
        SavedModel.Builder builder = savedModel.toBuilder();
        for (MetaGraphDef.Builder metaGraph : builder.getMetaGraphsBuilderList()) {
            metaGraph.getMetaInfoDefBuilder().setTensorflowVersion(TensorFlow.version()).setTensorflowGitVersion(OwnedOutputs.SAVED_MODEL_WRITER);
        }
        AtomicFiles.write(savedModelPb, builder.build()::writeTo);
    }

    private static void writeSavedModel(Model model, Path staging) throws IOException {
        Network network = model.network();
        List<WeightSpec> specs = network.weightSpecs();
        List<Weight> weights = model.weights();
        List<String> inputKeys = inputKeys(model);
        List<String> outputKeys = outputKeys(model);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            // Reference variables (VariableV2): the SavedModel exporter's saver writes only those.
            Map<WeightSpec, Operand<TFloat32>> variables = new IdentityHashMap<>();
            List<Placeholder<TFloat32>> feeds = new ArrayList<>();
            List<Op> assigns = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            Map<String, Ops> scopes = new java.util.HashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                WeightSpec spec = specs.get(i);
                Weight weight = weights.get(i);
                String[] path = weight.path().split("/");
                Ops scope = tf;
                String prefix = "";
                for (int k = 0; k < path.length - 1; k++) {
                    Ops parent = scope;
                    String segment = path[k];
                    prefix += segment + "/";
                    // one sub-scope per layer: asking again would make a new, uniquified one (dense_1)
                    scope = scopes.computeIfAbsent(prefix, p -> parent.withSubScope(segment));
                }
                String name = path[path.length - 1];
                Variable<TFloat32> variable = scope.withName(name).variable(Shape.of(spec.shape()), TFloat32.class);
                Placeholder<TFloat32> feed = scope.withName(name + "_value").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(spec.shape())));
                variables.put(spec, variable);
                feeds.add(feed);
                assigns.add(scope.withName(name + "_assign").assign(variable, feed));
                values.add(weight.values());
            }
            List<Placeholder<? extends TNumber>> inputs = new ArrayList<>();
            for (int i = 0; i < network.inputs().size(); i++) {
                KerasTensor input = network.inputs().get(i);
                Shape shape = Shape.of(Tensors.withBatch(-1, input.shape()));
                Ops named = tf.withName(inputKeys.get(i));
                inputs.add(switch (input.dtype()) {
                    case "int32" -> named.placeholder(TInt32.class, Placeholder.shape(shape));
                    case "uint8" -> named.placeholder(TUint8.class, Placeholder.shape(shape));
                    default -> named.placeholder(TFloat32.class, Placeholder.shape(shape));
                });
            }
            Forward forward = Forward.of(tf.withSubScope("inference"), network, model.layers(), inputs, variables, false, model.seed());
            Signature.Builder signature = Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict");
            for (int i = 0; i < inputs.size(); i++) {
                signature.input(inputKeys.get(i), inputs.get(i));
            }
            List<LayerOutput> outputs = forward.predictions();
            for (int i = 0; i < outputs.size(); i++) {
                String opName = outputs.size() == 1 ? "output" : "output_" + i;
                signature.output(outputKeys.get(i), tf.withName(opName).identity(outputs.get(i).output()));
            }
            try (Session session = new Session(graph)) {
                Tensors.assign(session, feeds, assigns, values);
                SavedModelBundle.exporter(staging.toString())
                        .withSession(session)
                        .withSignature(signature.build())
                        .export();
            }
        }
    }
}
