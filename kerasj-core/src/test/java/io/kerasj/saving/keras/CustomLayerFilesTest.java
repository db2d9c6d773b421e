package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.CallContext;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightDeclarations;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Custom layers in {@code .keras} files through registration (Keras 3's {@code register_keras_serializable}): a
 * registered class saves as Keras's custom entry and loads back through its {@code fromConfig}; a registered subclass
 * of Dense saves as itself; a jar's {@link io.kerasj.saving.CustomObjects} and {@link LayerFormat} are found through
 * {@link java.util.ServiceLoader}; safe mode refuses Python code and unregistered classes in one line, and
 * {@code safe_mode=false} goes further without ever loading code.
 */
class CustomLayerFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void register() {
        ScaledDense.register();
    }

    private static FloatSamples samples(int n, int width) {
        Random random = new Random(7);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, width);
    }

    private static Model scaledModel() {
        Input input = new Input(4);
        KerasTensor hidden = new ScaledDense(3, 0.5f).apply(input);
        return new Model(input, new Dense(2).apply(hidden)).seed(3);
    }

    @Test
    void aRegisteredLayerSavesAsKeras3sCustomEntryAndLoadsBackWithTheSameOutputs() throws IOException {
        FloatSamples x = samples(8, 4);
        Path file = tmp.resolve("scaled.keras");
        float[][] before;
        try (Model model = scaledModel()) {
            before = model.predict(x);
            model.save(file);
        }
        JsonNode entry = layerEntry(file, "scaled_dense");
        assertThat(entry.get("module").asText()).isEqualTo("io.kerasj.saving.keras");
        assertThat(entry.get("class_name").asText()).isEqualTo("ScaledDense");
        assertThat(entry.get("registered_name").asText()).isEqualTo("MyLayers>ScaledDense");
        assertThat(entry.get("config")).isEqualTo(JSON.readTree("{\"name\": \"scaled_dense\", \"trainable\": true, \"dtype\": {\"module\": \"keras\","
                + " \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"units\": 3, \"scale\": 0.5}"));
        assertThat(entry.get("build_config")).isEqualTo(JSON.readTree("{\"input_shape\": [null, 4]}"));
        assertThat(layerEntry(file, "dense").get("registered_name").isNull()).as("built-in layers keep their entry").isTrue();
        assertThat(layerEntry(file, "dense").get("module").asText()).isEqualTo("keras.layers");

        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("scaled_dense")).isInstanceOf(ScaledDense.class);
            assertThat(loaded.getLayer("scaled_dense").getConfig()).containsEntry("units", 3).containsEntry("scale", 0.5f);
            assertThat(loaded.predict(x)).isDeepEqualTo(before);
        }
    }

    @Test
    void aSequentialWithARegisteredFirstLayerRoundTrips() {
        FloatSamples x = samples(5, 4);
        Path file = tmp.resolve("sequential.keras");
        float[][] before;
        try (Sequential model = new Sequential()) {
            model.add(new Input(4)).add(new ScaledDense(2, -1.5f)).add(new Dense(1, "sigmoid"));
            before = model.predict(x);
            model.save(file);
        }
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.layers().get(0)).isInstanceOf(ScaledDense.class);
            assertThat(loaded.predict(x)).isDeepEqualTo(before);
        }
    }

    @Test
    void aRegisteredSubclassOfDenseSavesAsItsRegisteredClassWithDensesConfigAndItsOwn() throws IOException {
        FloatSamples x = samples(6, 4);
        Path file = tmp.resolve("mydense.keras");
        float[][] before;
        Input input = new Input(4);
        try (Model model = new Model(input, new MyDense(3, "relu", "mine").apply(input)).seed(5)) {
            before = model.predict(x);
            model.save(file);
        }
        JsonNode entry = layerEntry(file, "my_dense");
        assertThat(entry.get("class_name").asText()).isEqualTo("MyDense");
        assertThat(entry.get("registered_name").asText()).isEqualTo("MyLayers>MyDense");
        assertThat(entry.get("config").get("units").asInt()).isEqualTo(3);
        assertThat(entry.get("config").get("activation").asText()).isEqualTo("relu");
        assertThat(entry.get("config").get("kernel_initializer").get("class_name").asText()).isEqualTo("GlorotUniform");
        assertThat(entry.get("config").get("tag").asText()).isEqualTo("mine");
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("my_dense")).isInstanceOf(MyDense.class);
            assertThat(((MyDense) loaded.getLayer("my_dense")).tag()).isEqualTo("mine");
            assertThat(loaded.predict(x)).isDeepEqualTo(before);
        }
    }

    /** A layer class nobody registered. */
    static final class Unregistered extends Layer {
        Unregistered() {
            super(null);
        }

        @Override
        protected long[] build(long[] inputShape, WeightDeclarations weights) {
            return inputShape.clone();
        }

        @Override
        public LayerOutput call(CallContext context, Operand<TFloat32> input) {
            return LayerOutput.of(input);
        }
    }

    @Test
    void anUnregisteredLayerIsNotSavedAndTheRefusalSaysHowToRegisterIt() {
        Input input = new Input(4);
        Path file = tmp.resolve("unregistered.keras");
        try (Model model = new Model(input, new Unregistered().apply(input))) {
            assertThatThrownBy(() -> model.save(file)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("cannot save layer 'unregistered' of class " + Unregistered.class.getName())
                    .hasMessageContaining("ObjectRegistration.registerKerasSerializable");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void safeModeRefusesPythonCodeAndUnregisteredClassesInOneLineAndSafeModeOffStillLoadsNoCode() throws IOException {
        Path file = tmp.resolve("scaled.keras");
        try (Model model = scaledModel()) {
            model.save(file);
        }
        Path hostile = rewrite(file, "hostile.keras", root -> {
            for (JsonNode layer : root.get("config").get("layers")) {
                ObjectNode entry = (ObjectNode) layer;
                if (entry.get("class_name").asText().equals("ScaledDense")) {
                    entry.put("registered_name", "Other>Ghost");
                }
                if (entry.get("class_name").asText().equals("Dense")) {
                    entry.put("class_name", "Lambda");
                    ((ObjectNode) entry.get("config")).set("function", JSON.createObjectNode().put("class_name", "__lambda__")
                            .set("config", JSON.createObjectNode().put("value", "4wEAAAAAAAAA")));
                }
            }
        });
        Refusals.refusedInOneLine(hostile, () -> KerasFiles.load(hostile), "safe_mode",
                "Python code in Lambda 'dense'", "unregistered custom class Other>Ghost (module io.kerasj.saving.keras) 'scaled_dense'",
                "ObjectRegistration.registerKerasSerializable");
        KerasLoadOptions unsafe = KerasLoadOptions.defaults().safeMode(false).warnings(w -> { });
        Refusals.refusedInOneLine(hostile, () -> KerasFiles.load(hostile, unsafe),
                "Lambda 'dense': its function is Python bytecode, which is never loaded",
                "custom class Other>Ghost (module io.kerasj.saving.keras) (layer 'scaled_dense'), which is not registered",
                "KerasJ never loads code a file names");
    }

    @Test
    void safeModeOffLoadsAModelWhoseCustomLossIsNotRegisteredUncompiledWithAWarning() throws IOException {
        FloatSamples x = samples(4, 4);
        Path file = tmp.resolve("compiled.keras");
        float[][] before;
        try (Model model = scaledModel()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            before = model.predict(x);
            model.save(file);
        }
        Path custom = rewrite(file, "custom_loss.keras", root -> ((ObjectNode) root.get("compile_config")).set("loss",
                JSON.createObjectNode().put("module", "my_losses").put("class_name", "function").put("config", "my_loss")
                        .put("registered_name", "my_loss")));
        Refusals.refusedInOneLine(custom, () -> KerasFiles.load(custom), "safe_mode", "unregistered custom function my_loss (module my_losses)");
        List<String> warnings = new ArrayList<>();
        try (Model model = KerasFiles.load(custom, KerasLoadOptions.defaults().safeMode(false).warnings(warnings::add))) {
            assertThat(model.compileConfig()).isNull();
            assertThat(warnings).singleElement().asString().contains("not compiled");
            assertThat(model.predict(x)).isDeepEqualTo(before);
        }
    }

    @Test
    void aJarsCustomObjectsAndLayerFormatsAreFoundThroughServiceLoader() throws IOException {
        FloatSamples x = samples(3, 4);
        Input input = new Input(4);
        Path file = tmp.resolve("provided.keras");
        float[][] before;
        try (Model model = new Model(input, new IdentityLayer().apply(new Doubler().apply(input)))) {
            before = model.predict(x);
            model.save(file);
        }
        assertThat(layerEntry(file, "doubler").get("registered_name").asText()).isEqualTo("TestJar>Doubler");
        assertThat(layerEntry(file, "identity").get("class_name").asText()).isEqualTo("Identity");
        assertThat(layerEntry(file, "identity").get("module").asText()).isEqualTo("keras.layers");
        assertThat(LayerRegistry.supported()).contains("Identity");
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("doubler")).isInstanceOf(Doubler.class);
            assertThat(loaded.getLayer("identity")).isInstanceOf(IdentityLayer.class);
            assertThat(loaded.predict(x)).isDeepEqualTo(before);
            assertThat(before[0][0]).isEqualTo(2 * x.toArray()[0]);
        }
    }

    @Test
    void aFromConfigThatRefusesTheConfigIsNamedInTheRefusal() throws IOException {
        Path file = tmp.resolve("scaled.keras");
        try (Model model = scaledModel()) {
            model.save(file);
        }
        Path bad = rewrite(file, "bad_units.keras", root -> {
            for (JsonNode layer : root.get("config").get("layers")) {
                if (layer.get("class_name").asText().equals("ScaledDense")) {
                    ((ObjectNode) layer.get("config")).put("units", "three");
                }
            }
        });
        Refusals.refusedInOneLine(bad, () -> KerasFiles.load(bad), "MyLayers>ScaledDense (layer 'scaled_dense'): its fromConfig failed",
                "config 'units': expected a whole number, found three");
    }

    /** A layer declaring a non-trainable weight before its trainable one: Keras saves trainable variables first. */
    static final class Shifted extends Layer {
        private WeightSpec shift;
        private WeightSpec kernel;

        Shifted() {
            super(null);
        }

        static Shifted fromConfig(io.kerasj.saving.Config config) {
            Shifted layer = new Shifted();
            layer.setName(config.getString("name"));
            return layer;
        }

        @Override
        protected long[] build(long[] inputShape, WeightDeclarations weights) {
            shift = weights.add("shift", new long[] {2}, io.kerasj.initializers.Initializers.of("ones"), false);
            kernel = weights.add("kernel", new long[] {inputShape[0], 2}, io.kerasj.initializers.Initializers.of("glorot_uniform"), true);
            return new long[] {2};
        }

        @Override
        public LayerOutput call(CallContext context, Operand<TFloat32> input) {
            var tf = context.tf();
            return LayerOutput.of(tf.math.add(tf.linalg.matMul(input, context.read(kernel)), context.read(shift)));
        }
    }

    @Test
    void aLayersVariablesAreSavedTrainableFirstAsKerasSavesThemAndReadBackInPlace() throws IOException {
        io.kerasj.saving.ObjectRegistration.registerKerasSerializable("MyLayers", null, Shifted.class, Shifted::fromConfig);
        FloatSamples x = samples(3, 4);
        Input input = new Input(4);
        Path file = tmp.resolve("shifted.keras");
        float[][] before;
        try (Model model = new Model(input, new Shifted().apply(input))) {
            // Keras's get_weights() order: the trainable kernel, then the non-trainable shift
            model.getLayer("shifted").setWeights(List.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new float[] {0.5f, -0.5f}));
            before = model.predict(x);
            model.save(file);
        }
        Path weights = tmp.resolve("shifted.weights.h5");
        Files.write(weights, entries(file).get(KerasArchive.WEIGHTS));
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(weights)) {
            assertThat(h5.getDatasetByPath("layers/shifted/vars/0").getDimensions()).as("the trainable kernel first").containsExactly(4, 2);
            assertThat(h5.getDatasetByPath("layers/shifted/vars/1").getDimensions()).as("then the non-trainable shift").containsExactly(2);
        }
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("shifted").getWeights().get(1)).containsExactly(0.5f, -0.5f);
            assertThat(loaded.predict(x)).isDeepEqualTo(before);
        }
    }

    static JsonNode layerEntry(Path file, String name) throws IOException {
        JsonNode root = JSON.readTree(entries(file).get(KerasArchive.CONFIG));
        JsonNode layers = root.get("config").get("layers");
        for (JsonNode layer : layers) {
            if (layer.path("config").path("name").asText().equals(name)) {
                return layer;
            }
        }
        throw new AssertionError(file + ": no layer " + name + " in " + layers);
    }

    private Path rewrite(Path file, String name, Consumer<JsonNode> edit) throws IOException {
        Map<String, byte[]> entries = entries(file);
        JsonNode root = JSON.readTree(entries.get(KerasArchive.CONFIG));
        edit.accept(root);
        entries.put(KerasArchive.CONFIG, JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        Path out = tmp.resolve(name);
        try (OutputStream stream = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
