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
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Writes a model as a TensorFlow SavedModel of its inference graph (not the training graph): tag {@code serve},
 * signature {@code serving_default} with Keras's names (input {@code <first layer>_input}, output
 * {@code <last layer>}), and the trained variables. Java's {@code SavedModelBundle}, Python's
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

    /** The signature's input key for a model, as Keras names it: {@code <first layer>_input}. */
    static String inputKey(Model model) {
        return model.layers().get(0).name() + "_input";
    }

    /** The signature's output key for a model, as Keras names it: the last layer's name. */
    static String outputKey(Model model) {
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1).name();
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
        List<Layer> layers = model.layers();
        List<float[]> values = model.getWeights();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            // Reference variables (VariableV2): the SavedModel exporter's saver writes only those.
            List<Variable<TFloat32>> variables = new ArrayList<>();
            List<Placeholder<TFloat32>> feeds = new ArrayList<>();
            List<Op> assigns = new ArrayList<>();
            for (Layer layer : layers) {
                Ops scope = tf.withSubScope(layer.name());
                for (WeightSpec spec : layer.weightSpecs()) {
                    Variable<TFloat32> variable = scope.withName(spec.name()).variable(Shape.of(spec.shape()), TFloat32.class);
                    Placeholder<TFloat32> feed = scope.withName(spec.name() + "_value").placeholder(TFloat32.class,
                            Placeholder.shape(Shape.of(spec.shape())));
                    variables.add(variable);
                    feeds.add(feed);
                    assigns.add(scope.withName(spec.name() + "_assign").assign(variable, feed));
                }
            }
            Placeholder<TFloat32> input = tf.withName(inputKey(model)).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(Tensors.withBatch(-1, model.inputShape()))));
            Forward forward = Forward.of(tf.withSubScope("inference"), layers, input, variables, false);
            Operand<TFloat32> output = tf.withName("output").identity(forward.output());
            try (Session session = new Session(graph)) {
                Tensors.assign(session, feeds, assigns, values);
                SavedModelBundle.exporter(staging.toString())
                        .withSession(session)
                        .withSignature(Signature.builder().key(Signature.DEFAULT_KEY)
                                .input(inputKey(model), input)
                                .output(outputKey(model), output)
                                .methodName("tensorflow/serving/predict")
                                .build())
                        .export();
            }
        }
    }
}
