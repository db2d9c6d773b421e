package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Input;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Naming;
import io.kerasj.layers.ResidualModels;
import io.kerasj.layers.ScaledDense;
import io.kerasj.layers.Weight;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KerasJ's custom layers with sublayers against their Python twins in Keras 3.15 (python-reference/sublayers.py):
 * the weights' paths, the weights file's datasets, the legacy {@code .h5} weight order, and predictions both ways
 * (Keras's weights loaded into KerasJ, KerasJ's trained weights loaded into Keras).
 */
@Tag("python")
@Tag("slow")
class SublayersParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static Path reference;
    private static JsonNode expected;

    @BeforeAll
    static void pythonReference() throws IOException {
        PythonKeras.require();
        io.kerasj.layers.ResidualBlock.register();
        reference = tmp.resolve("reference");
        PythonKeras.run(600, Map.of(), "sublayers.py", "reference", reference.toString());
        expected = JSON.readTree(reference.resolve("reference.json").toFile());
    }

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, List<Long>> datasets(JsonNode object) {
        Map<String, List<Long>> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> {
            List<Long> shape = new ArrayList<>();
            e.getValue().forEach(d -> shape.add(d.asLong()));
            out.put(e.getKey(), shape);
        });
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static FloatSamples inputs() throws IOException {
        return FloatSamples.of(floats(JSON.readTree(reference.resolve("inputs.json").toFile())), 6, 6, 4);
    }

    private static void assertClose(float[][] java, float[] python, double tolerance) {
        assertThat(java.length * java[0].length).isEqualTo(python.length);
        for (int i = 0; i < java.length; i++) {
            for (int o = 0; o < java[i].length; o++) {
                assertThat((double) java[i][o]).as("sample %d output %d", i, o).isCloseTo(python[i * java[i].length + o], within(tolerance));
            }
        }
    }

    @Test
    void weightPathsFileDatasetsAndLegacyOrderAreKeras() throws IOException {
        JsonNode residual = expected.get("residual");
        try (Model model = ResidualModels.model(1)) {
            assertThat(model.weights()).extracting(Weight::path).containsExactlyElementsOf(strings(residual.get("weight_paths")));
            Path file = tmp.resolve("paths.keras");
            model.save(file);
            assertThat(SublayersKerasFileTest.layerDatasets(file, tmp)).isEqualTo(datasets(residual.get("keras_h5")).entrySet().stream()
                    .filter(e -> e.getKey().startsWith("layers/")).collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
            Layer block = model.getLayer("residual_block");
            assertThat(ModelBuilder.legacyOrder(block).stream().map(block::weightPath).toList())
                    .containsExactlyElementsOf(strings(residual.get("legacy_weight_names").get("residual_block")));
        }
        Naming.clearSession();
        Input input = new Input(3);
        try (Model scaled = new Model(input, new ScaledDense(2).apply(input))) {
            assertThat(scaled.weights()).extracting(Weight::path)
                    .containsExactlyElementsOf(strings(expected.get("scaled_dense").get("weight_paths")));
            assertThat(ModelBuilder.legacyOrder(scaled.getLayer("scaled_dense")).stream().map(WeightSpec::name).toList())
                    .containsExactly("kernel", "bias", "scale");
        }
    }

    /** Keras's files of the twin load into KerasJ (the registered ResidualBlock) and predict as Keras. */
    @Test
    void kerasFilesLoadIntoKerasJAndPredictAsKeras() throws IOException {
        float[] python = floats(JSON.readTree(reference.resolve("outputs.json").toFile()));
        try (Model twin = KerasFiles.load(reference.resolve("twin.keras"))) {
            assertClose(twin.predict(inputs()), python, 1e-5);
        }
        Naming.clearSession();
        try (Model legacy = KerasFiles.load(reference.resolve("twin.h5"))) {
            assertClose(legacy.predict(inputs()), python, 1e-5);
        }
    }

    @Test
    void kerasJTrainedWeightsLoadIntoTheKerasTwinAndPredictAsKerasJ() throws IOException {
        Path file = tmp.resolve("java.keras");
        float[][] java;
        try (Model model = ResidualModels.model(9)) {
            model.compile(CompileOptions.defaults().optimizer("adam").loss("mse"));
            model.fit(ResidualModels.images(48, 31), ResidualModels.targets(48, 2, 32), FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
            java = model.predict(inputs());
            model.save(file);
        }
        Path out = tmp.resolve("check.json");
        PythonKeras.run(300, Map.of(), "sublayers.py", "check", file.toString(), reference.resolve("inputs.json").toString(), out.toString());
        JsonNode check = JSON.readTree(out.toFile());
        assertClose(java, floats(check.get("outputs")), 1e-4);
        assertClose(java, floats(check.get("loaded_outputs")), 1e-4); // keras.models.load_model of KerasJ's whole file
    }
}
