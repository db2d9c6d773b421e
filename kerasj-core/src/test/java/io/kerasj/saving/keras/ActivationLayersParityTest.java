package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Naming;
import io.kerasj.layers.Normalization;
import io.kerasj.layers.PReLU;
import io.kerasj.layers.ReLU;
import io.kerasj.layers.Rescaling;
import io.kerasj.layers.Softmax;
import io.kerasj.layers.SpatialDropout2D;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 3's activation layers (ReLU, LeakyReLU, PReLU, ELU, Softmax), the activations swish/silu, hard_silu,
 * hard_sigmoid, relu6, gelu, mish, selu, elu and leaky_relu by name, Dropout with a noise shape, SpatialDropout2D,
 * global pooling with keepdims, a per-channel Rescaling and Normalization (given statistics, and weights with
 * {@code axis=3}), in one model {@code python-reference/activation_layers.py} builds: KerasJ loads Keras's
 * {@code .keras} and {@code .h5} and predicts as Keras does; Keras loads KerasJ's {@code .keras} and predicts as KerasJ.
 */
@Tag("python")
@Tag("slow")
class ActivationLayersParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    static Path dir;
    private static FloatSamples x;
    private static JsonNode reference;

    @BeforeAll
    static void make() throws IOException {
        PythonKeras.require();
        PythonKeras.run(300, Map.of(), "activation_layers.py", "make", dir.toString());
        reference = JSON.readTree(dir.resolve("reference.json").toFile());
        x = FloatSamples.of(flat(reference.path("x")), 8, 8, 3);
    }

    @BeforeEach
    void setUp() {
        Naming.clearSession();
    }

    private static float[] flat(JsonNode nested) {
        List<Float> values = new ArrayList<>();
        collect(nested, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, List<Float> values) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, values));
        } else {
            values.add((float) node.asDouble());
        }
    }

    private static void assertPredictions(float[][] java, JsonNode keras) {
        assertThat(java).hasNumberOfRows(keras.size());
        for (int i = 0; i < java.length; i++) {
            for (int j = 0; j < java[i].length; j++) {
                assertThat(java[i][j]).as("sample %d, output %d", i, j).isCloseTo((float) keras.get(i).get(j).asDouble(), within(TOLERANCE));
            }
        }
    }

    private static <T extends Layer> T only(Model model, Class<T> type) {
        return model.layers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void loadsKerasFilesAndPredictsAsKeras() {
        for (String file : new String[] {"model.keras", "model.h5"}) {
            List<String> warnings = new ArrayList<>();
            try (Model m = KerasFiles.load(dir.resolve(file), 0, warnings::add)) {
                assertThat(warnings).as(file).isEmpty();
                assertPredictions(m.predict(x), reference.path("predictions"));
                assertThat(only(m, Dropout.class).noiseShape()).containsExactly(Dropout.BATCH, 1, 1, 1);
                assertThat(only(m, Dropout.class).seed()).isEqualTo(7);
                assertThat(only(m, PReLU.class).sharedAxes()).containsExactly(1, 2);
                assertThat(only(m, GlobalAveragePooling2D.class).keepdims()).isTrue();
                assertThat(only(m, Rescaling.class).scale()).hasSize(3);
            }
        }
    }

    @Test
    void kerasLoadsJavasFileAfterTrainingAndPredictsAsJava() throws IOException {
        Path saved = dir.resolve("java.keras");
        float[][] predictions;
        try (Model m = KerasFiles.load(dir.resolve("model.keras"), 0, w -> { })) {
            List<float[]> before = m.getWeights();
            m.compile(CompileOptions.defaults().optimizer("adam").loss("sparse_categorical_crossentropy"));
            int[] labels = new int[x.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % 4;
            }
            double loss = m.fit(x, Targets.of(labels, 1), FitOptions.defaults().epochs(2).batchSize(3).verbose(0))
                    .history().get("loss").get(1);
            assertThat(loss).isFinite();
            assertThat(changed(before, m.getWeights())).as("every trainable weight moves").isGreaterThanOrEqualTo(19);
            predictions = m.predict(x);
            m.save(saved);
        }
        Path data = dir.resolve("data.json");
        Files.writeString(data, JSON.createObjectNode().set("x", reference.path("x")).toString());
        Path out = dir.resolve("out.json");
        PythonKeras.run(300, Map.of(), "activation_layers.py", "check", saved.toString(), data.toString(), out.toString());
        JsonNode keras = JSON.readTree(out.toFile());
        assertPredictions(predictions, keras.path("predictions"));
        List<String> classes = new ArrayList<>();
        keras.path("layers").forEach(l -> classes.add(l.path("class").asText()));
        assertThat(classes).contains("ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax", "SpatialDropout2D", "Dropout",
                "GlobalAveragePooling2D", "Rescaling", "Normalization");
        assertThat(keras.path("layers").toString()).contains("\"noise_shape\":[null,1,1,1]")
                .contains("\"keepdims\":true").contains("\"shared_axes\":[1,2]");
    }

    private static int changed(List<float[]> before, List<float[]> after) {
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!java.util.Arrays.equals(before.get(i), after.get(i))) {
                changed++;
            }
        }
        return changed;
    }

    @Test
    void layerClassesAreTheOnesKerasWrote() {
        try (Model m = KerasFiles.load(dir.resolve("model.keras"), 0, w -> { })) {
            assertThat(m.layers()).hasAtLeastOneElementOfType(ReLU.class).hasAtLeastOneElementOfType(Softmax.class)
                    .hasAtLeastOneElementOfType(SpatialDropout2D.class).hasAtLeastOneElementOfType(Normalization.class);
            assertThat(only(m, Normalization.class).givenMean()).containsExactly(0.6f, 0.8f, 0.3f);
        }
    }
}
