package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.engine.CompileConfig;
import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Lambda;
import io.kerasj.layers.Naming;
import io.kerasj.losses.LossFunctionWrapper;
import io.kerasj.metrics.MeanMetricWrapper;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.testing.CustomObjectsFixture;
import io.kerasj.testing.CustomObjectsFixture.AboveThreshold;
import io.kerasj.testing.CustomObjectsFixture.ScaledMse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom activations, losses and metrics in {@code .keras} files, KerasJ to KerasJ: written as Keras 3 writes
 * registered objects, loaded back by registered name, evaluating the same.
 */
class CustomObjectsFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
        CustomObjectsFixture.register();
    }

    /** The model {@code custom_objects.py make} builds: Dense(4, scaled_tanh), Activation, Lambda, Dense(1). */
    static Model customModel() {
        Input input = new Input(3);
        KerasTensor h = new Dense(4, CustomObjectsFixture.SCALED_TANH).apply(input);
        h = new ActivationLayer(CustomObjectsFixture.SCALED_TANH).apply(h);
        h = new Lambda(CustomObjectsFixture.SCALED_TANH).apply(h);
        return new Model(input, new Dense(1).apply(h)).seed(3);
    }

    /** The compile of {@code custom_objects.py make}: the loss function, a metric class, a wrapper and a bare function. */
    static CompileOptions customCompile() {
        return CompileOptions.defaults().optimizer("sgd").loss(CustomObjectsFixture.CUSTOMIZED_MSE).metrics(new AboveThreshold(0.1),
                new MeanMetricWrapper(CustomObjectsFixture.ABS_ERR, "abs_err_mean"), CustomObjectsFixture.ABS_ERR);
    }

    static JsonNode config(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return JSON.readTree(zip.getInputStream(zip.getEntry("config.json")));
        }
    }

    @Test
    void aModelWithCustomObjectsIsWrittenAsKerasWritesThemAndLoadsBackEvaluatingTheSame() throws IOException {
        FloatSamples x = CustomObjectsFixture.samples(40, 3, 1);
        Path file = dir.resolve("m.keras");
        Map<String, Double> before;
        try (Model model = customModel()) {
            model.compile(customCompile());
            model.fit(x, CustomObjectsFixture.targets(x), FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
            before = model.evaluateToMap(x, CustomObjectsFixture.targets(x), 0, System.out);
            model.save(file);
        }
        JsonNode root = config(file);
        JsonNode function = JSON.readTree("{\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"kj>scaled_tanh\","
                + " \"registered_name\": \"function\"}");
        assertThat(root.path("config").path("layers").get(1).path("config").path("activation")).isEqualTo(function);
        assertThat(root.path("config").path("layers").get(2).path("config").path("activation")).isEqualTo(function);
        assertThat(root.path("config").path("layers").get(3).path("class_name").asText()).isEqualTo("Lambda");
        assertThat(root.path("config").path("layers").get(3).path("config").path("function")).isEqualTo(function);
        JsonNode compile = root.path("compile_config");
        assertThat(compile.path("loss")).isEqualTo(JSON.readTree("{\"module\": \"builtins\", \"class_name\": \"function\","
                + " \"config\": \"kj>customized_mse\", \"registered_name\": \"function\"}"));
        assertThat(compile.path("metrics").get(0)).isEqualTo(JSON.readTree("{\"module\": \"io.kerasj.testing\", \"class_name\": \"AboveThreshold\","
                + " \"config\": {\"name\": \"above_threshold\", \"dtype\": \"float32\", \"threshold\": 0.1}, \"registered_name\": \"kj>AboveThreshold\"}"));
        assertThat(compile.path("metrics").get(1).path("class_name").asText()).isEqualTo("MeanMetricWrapper");
        assertThat(compile.path("metrics").get(1).path("config").path("fn").path("config").asText()).isEqualTo("kj>abs_err");
        assertThat(compile.path("metrics").get(2).path("config").asText()).isEqualTo("kj>abs_err");

        List<String> warnings = new ArrayList<>();
        try (Model loaded = KerasFiles.load(file, 0, warnings::add)) {
            assertThat(warnings).isEmpty();
            CompileConfig compiled = loaded.compileConfig();
            assertThat(compiled.loss()).isInstanceOf(LossFunctionWrapper.class);
            assertThat(((LossFunctionWrapper) compiled.loss()).function()).isSameAs(CustomObjectsFixture.CUSTOMIZED_MSE);
            assertThat(compiled.metrics()).hasSize(3);
            assertThat(compiled.metrics().get(0)).isInstanceOf(AboveThreshold.class);
            assertThat(((AboveThreshold) compiled.metrics().get(0)).threshold()).isEqualTo(0.1);
            assertThat(compiled.metrics().get(1).name()).isEqualTo("abs_err_mean");
            assertThat(((MeanMetricWrapper) compiled.metrics().get(2)).isBareFunction()).isTrue();
            Map<String, Double> after = loaded.evaluateToMap(x, CustomObjectsFixture.targets(x), 0, System.out);
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            before.forEach((k, v) -> assertThat(after.get(k)).as(k).isCloseTo(v, within(1e-6)));
        }
    }

    @Test
    void aConv2DWithACustomActivationRoundTrips() throws IOException {
        Input input = new Input(5, 5, 1);
        Path file = dir.resolve("conv.keras");
        float[] pixels = new float[50];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 7) / 7f - 0.4f;
        }
        FloatSamples x = FloatSamples.of(pixels, 5, 5, 1);
        float[][] before;
        try (Model model = new Model(input, new io.kerasj.layers.Conv2D(2, 3).activation(CustomObjectsFixture.SCALED_TANH).apply(input))
                .seed(8)) {
            before = model.predict(x);
            model.save(file);
        }
        try (Model loaded = KerasFiles.load(file, 0, w -> {
            throw new AssertionError(w);
        })) {
            assertThat(((io.kerasj.layers.Conv2D) loaded.layers().get(1)).activation()).isSameAs(CustomObjectsFixture.SCALED_TANH);
            float[][] after = loaded.predict(x);
            for (int i = 0; i < before.length; i++) {
                assertThat(after[i]).containsExactly(before[i]);
            }
        }
    }

    @Test
    void aLossClassRoundTripsWithItsConfig() throws IOException {
        Path file = dir.resolve("c.keras");
        try (Model model = customModel()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss(new ScaledMse(2.5)).metrics(new AboveThreshold(0.3)));
            model.save(file);
        }
        assertThat(config(file).path("compile_config").path("loss")).isEqualTo(JSON.readTree("{\"module\": \"io.kerasj.testing\", \"class_name\":"
                + " \"ScaledMse\", \"config\": {\"name\": \"scaled_mse\", \"reduction\": \"sum_over_batch_size\", \"factor\": 2.5},"
                + " \"registered_name\": \"kj>ScaledMse\"}"));
        try (Model loaded = KerasFiles.load(file, 0, w -> {
            throw new AssertionError(w);
        })) {
            assertThat(((ScaledMse) loaded.compileConfig().loss()).factor()).isEqualTo(2.5);
            assertThat(((AboveThreshold) loaded.compileConfig().metrics().get(0)).threshold()).isEqualTo(0.3);
        }
    }

    @Test
    void registeredNamesGivenToCompileAreWrittenAsObjectsSinceKerasGetTakesNoSuchName() throws IOException {
        Path file = dir.resolve("n.keras");
        try (Model model = customModel()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("kj>customized_mse").metrics("kj>AboveThreshold", "kj>abs_err"));
            model.save(file);
        }
        JsonNode compile = config(file).path("compile_config");
        assertThat(compile.path("loss").path("config").asText()).isEqualTo("kj>customized_mse");
        assertThat(compile.path("metrics").get(0).path("registered_name").asText()).isEqualTo("kj>AboveThreshold");
        assertThat(compile.path("metrics").get(0).path("config").path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(compile.path("metrics").get(1).path("config").asText()).isEqualTo("kj>abs_err");
        try (Model loaded = KerasFiles.load(file, 0, w -> {
            throw new AssertionError(w);
        })) {
            assertThat(loaded.compileConfig().metrics()).extracting(io.kerasj.metrics.Metric::name)
                    .containsExactly("above_threshold", "abs_err");
        }
    }

    @Test
    void unregisteredCustomObjectsAreRefusedAtSaveBeforeAnythingIsWritten() {
        Path file = dir.resolve("u.keras");
        Input input = new Input(3);
        try (Model model = new Model(input, new Dense(1, (tf, v) -> tf.math.tanh(v)).apply(input))) {
            assertThatThrownBy(() -> model.save(file)).hasMessageContaining("registerKerasSerializable");
        }
        Naming.clearSession();
        try (Model model = customModel()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss((tf, t, p) -> tf.math.square(tf.math.sub(p, t))));
            assertThatThrownBy(() -> model.save(file)).hasMessageContaining("loss").hasMessageContaining("registerKerasSerializable");
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse").metrics(new io.kerasj.metrics.StatefulMetric("unregistered") {
                @Override
                public void updateState(org.tensorflow.op.Ops tf, org.tensorflow.Operand<org.tensorflow.types.TFloat32> yTrue,
                                        org.tensorflow.Operand<org.tensorflow.types.TFloat32> yPred) {
                }

                @Override
                public double result() {
                    return 0;
                }
            }));
            assertThatThrownBy(() -> model.save(file)).hasMessageContaining("metric").hasMessageContaining("registerKerasSerializable");
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aFileNamingWhatTheProgramDidNotRegisterIsRefusedBySafeMode() throws IOException {
        Path file = dir.resolve("m.keras");
        try (Model model = customModel()) {
            model.compile(customCompile());
            model.save(file);
        }
        Path renamed = rewrite(file, "renamed.keras", "kj>scaled_tanh", "kj>not_registered");
        assertThatThrownBy(() -> KerasFiles.load(renamed)).hasMessageContaining("unregistered custom function kj>not_registered")
                .hasMessageContaining("registerKerasSerializable");
        // a registered class's config is still scanned: Python code nested in it is refused
        Path nested = rewrite(file, "nested.keras", "\"threshold\":0.1", "\"threshold\":{\"class_name\":\"__lambda__\",\"config\":{}}");
        assertThatThrownBy(() -> KerasFiles.load(nested)).hasMessageContaining("__lambda__");
    }

    private Path rewrite(Path file, String name, String from, String to) throws IOException {
        Path out = dir.resolve(name);
        try (ZipFile in = new ZipFile(file.toFile());
                java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("config.json")) {
                    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(text).contains(from);
                    bytes = text.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out;
    }
}
