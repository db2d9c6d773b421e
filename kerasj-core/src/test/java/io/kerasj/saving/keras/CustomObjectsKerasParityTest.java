package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Naming;
import io.kerasj.losses.LossFunctionWrapper;
import io.kerasj.metrics.MeanMetricWrapper;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.testing.CustomObjectsFixture;
import io.kerasj.testing.CustomObjectsFixture.AboveThreshold;
import io.kerasj.testing.CustomObjectsFixture.ScaledMse;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom activations, losses and metrics between KerasJ and Keras 3, each registered under the same name on both
 * sides ({@link CustomObjectsFixture} and {@code python-reference/custom_objects.py}): Keras loads KerasJ's file in
 * safe mode and evaluates it as KerasJ does; KerasJ loads Keras's file compiled and evaluates it as Keras does.
 */
@Tag("python")
@Tag("slow")
class CustomObjectsKerasParityTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        PythonKeras.require();
        Naming.clearSession();
        CustomObjectsFixture.register();
    }

    private static float[] flat(JsonNode rows) {
        List<Float> values = new ArrayList<>();
        rows.forEach(row -> row.forEach(v -> values.add((float) v.asDouble())));
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void assertClose(Map<String, Double> java, JsonNode keras) {
        assertThat(java.keySet()).containsExactlyInAnyOrderElementsOf(() -> keras.fieldNames());
        java.forEach((k, v) -> assertThat(v).as(k).isCloseTo(keras.path(k).asDouble(), within(1e-5 * (1 + Math.abs(v)))));
    }

    private static void assertPredictions(float[][] java, JsonNode keras) {
        for (int i = 0; i < java.length; i++) {
            for (int j = 0; j < java[i].length; j++) {
                assertThat(java[i][j]).isCloseTo((float) keras.get(i).get(j).asDouble(), within(1e-5f));
            }
        }
    }

    @Test
    void kerasLoadsJavasFileInSafeModeAndEvaluatesItAsJavaDoes() throws IOException {
        FloatSamples x = CustomObjectsFixture.samples(40, 3, 1);
        Targets y = CustomObjectsFixture.targets(x);
        Path model = dir.resolve("model.keras");
        Path classLoss = dir.resolve("class_loss.keras");
        Map<String, Double> javaEvaluation;
        Map<String, Double> classLossEvaluation;
        float[][] predictions;
        try (Model m = CustomObjectsFilesTest.customModel()) {
            m.compile(CustomObjectsFilesTest.customCompile());
            m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
            javaEvaluation = m.evaluateToMap(x, y, 0, System.out);
            predictions = m.predict(x);
            m.save(model);
            m.compile(CompileOptions.defaults().optimizer("sgd").loss(new ScaledMse(2.5)).metrics(new AboveThreshold(0.3)));
            classLossEvaluation = m.evaluateToMap(x, y, 0, System.out);
            m.save(classLoss);
        }
        ObjectNode data = CustomObjectsFilesTest.JSON.createObjectNode();
        ArrayNode xs = data.putArray("x");
        ArrayNode ys = data.putArray("y");
        for (int i = 0; i < x.count(); i++) {
            ArrayNode row = xs.addArray();
            for (float v : x.sample(i)) {
                row.add(v);
            }
            ys.addArray().add(0.8f * x.sample(i)[0] - 0.5f * x.sample(i)[1] + 0.3f);
        }
        Path dataFile = dir.resolve("data.json");
        Files.writeString(dataFile, data.toString());
        PythonKeras.run(300, Map.of(), "custom_objects.py", "check", model.toString(), dataFile.toString(), dir.resolve("out.json").toString());
        PythonKeras.run(300, Map.of(), "custom_objects.py", "check", classLoss.toString(), dataFile.toString(), dir.resolve("c.json").toString());
        JsonNode out = CustomObjectsFilesTest.JSON.readTree(dir.resolve("out.json").toFile());
        assertClose(javaEvaluation, out.path("evaluate"));
        assertPredictions(predictions, out.path("predictions"));
        JsonNode c = CustomObjectsFilesTest.JSON.readTree(dir.resolve("c.json").toFile());
        assertThat(c.path("compiled").path("loss_factor").asDouble()).isEqualTo(2.5);
        assertClose(classLossEvaluation, c.path("evaluate"));
    }

    @Test
    void javaLoadsKerasFileCompiledAndEvaluatesItAsKerasDoes() throws IOException {
        PythonKeras.run(300, Map.of(), "custom_objects.py", "make", dir.toString());
        JsonNode reference = CustomObjectsFilesTest.JSON.readTree(dir.resolve("reference.json").toFile());
        FloatSamples x = FloatSamples.of(flat(reference.path("x")), 3);
        Targets y = Targets.of(flat(reference.path("y")), 1);
        List<String> warnings = new ArrayList<>();
        try (Model m = KerasFiles.load(dir.resolve("model.keras"), 0, warnings::add)) {
            assertThat(warnings).isEmpty();
            assertThat(m.compileConfig().loss()).isInstanceOf(LossFunctionWrapper.class);
            assertThat(m.compileConfig().metrics().get(0)).isInstanceOf(AboveThreshold.class);
            assertThat(m.compileConfig().metrics().get(1)).isInstanceOf(MeanMetricWrapper.class);
            assertPredictions(m.predict(x), reference.path("predictions"));
            assertClose(m.evaluateToMap(x, y, 0, System.out), reference.path("evaluate"));
        }
        try (Model m = KerasFiles.load(dir.resolve("class_loss.keras"), 0, warnings::add)) {
            assertThat(warnings).isEmpty();
            assertThat(((ScaledMse) m.compileConfig().loss()).factor()).isEqualTo(2.5);
            assertClose(m.evaluateToMap(x, y, 0, System.out), reference.path("class_loss_evaluate"));
        }
    }
}
