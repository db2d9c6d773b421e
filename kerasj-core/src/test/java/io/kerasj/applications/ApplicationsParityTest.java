package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.testing.PythonArtifacts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MobileNetV2, MobileNetV3Small/Large and EfficientNetB0 built in Java against Keras's own (python-reference/
 * applications_parity.py: weights=None, then every weight random, statistics included): the same layer names, count and
 * parameter count, and, with Python's {@code .weights.h5} and legacy {@code .h5} loaded through the builder's
 * {@code weights(Path)}, Python's predictions within 1e-4 of their largest value.
 */
@Tag("python")
@Tag("slow")
class ApplicationsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-4;

    /** The cases of applications_parity.py, built the same way in Java (the weights argument added per file). */
    private static Map<String, java.util.function.Function<Object, ApplicationBuilder<?>>> cases() {
        Map<String, java.util.function.Function<Object, ApplicationBuilder<?>>> cases = new LinkedHashMap<>();
        cases.put("mnv2_top", w -> MobileNetV2.builder().inputShape(48, 48, 3).alpha(0.35).classes(7).weights(w));
        cases.put("mnv2_notop", w -> MobileNetV2.builder().inputShape(33, 40, 3).alpha(0.5).includeTop(false).pooling("max").weights(w));
        cases.put("mnv3s_top", w -> MobileNetV3Small.builder().inputShape(48, 48, 3).classes(5).weights(w));
        cases.put("mnv3l_min_notop", w -> MobileNetV3Large.builder().inputShape(40, 40, 3).minimalistic(true).includeTop(false)
                .pooling("avg").weights(w));
        cases.put("effb0_top", w -> EfficientNet.b0().inputShape(48, 48, 3).classes(4).weights(w));
        return cases;
    }

    @Test
    void architecturesAndWeightFilesMatchKeras() throws Exception {
        Path dir = PythonArtifacts.applications();
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        for (var e : cases().entrySet()) {
            String name = e.getKey();
            JsonNode keras = summary.get(name);
            Map<String, NpyArray> data = Npz.read(dir.resolve(name + ".npz"));
            NpyArray x = data.get("x");
            long[] shape = x.shape();
            FloatSamples samples = FloatSamples.of(x.toFloats(), (int) shape[1], (int) shape[2], (int) shape[3]);
            float[] expected = data.get("y").toFloats();
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            Naming.clearSession(); // Python builds each in a fresh session: the auto-named layers then match
            try (Model model = e.getValue().apply(dir.resolve(name + ".weights.h5")).build()) {
                List<String> names = model.layers().stream().map(Layer::name).toList();
                assertThat(names).as(name + " layer names").isEqualTo(JSON.convertValue(keras.get("layers"), List.class));
                assertThat(model.countParams()).as(name + " parameters").isEqualTo(keras.get("params").asLong());
                assertThat(model.name()).as(name + " model name").isEqualTo(keras.get("model_name").asText());
                check(name + " from .weights.h5", model.predict(samples), expected, scale, true);
                // one graph per architecture (building one costs seconds): the legacy file loads into the same model,
                // its weights first moved away so that only a working load gives Python's outputs again
                model.setWeights(model.getWeights().stream().map(ApplicationsParityTest::shifted).toList());
                check(name + " with shifted weights", model.predict(samples), expected, scale, false);
                model.loadWeights(dir.resolve(name + ".h5"));
                check(name + " from legacy .h5", model.predict(samples), expected, scale, true);
            }
        }
    }

    private static float[] shifted(float[] values) {
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * 0.8f;
        }
        return out;
    }

    private static void check(String what, float[][] out, float[] expected, double scale, boolean same) {
        double maxDiff = 0;
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(out[i][j] - expected[i * out[i].length + j]));
            }
        }
        System.out.printf("applications parity: %s: max|diff| %.3g, max|python| %.3g%n", what, maxDiff, scale);
        assertThat(out.length * out[0].length).as(what).isEqualTo(expected.length);
        if (same) {
            assertThat(maxDiff).as(what).isLessThanOrEqualTo(TOLERANCE * scale);
        } else {
            assertThat(maxDiff).as(what).isGreaterThan(TOLERANCE * scale);
        }
    }
}
