package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.data.Targets;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.Adam;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Frozen layers against Keras 3 (python-reference/frozen_layers.py, one Python run for the class): the same frozen
 * BatchNormalization model trained one epoch on both sides, and Keras's files of frozen models loaded with their flags.
 */
@Tag("python")
@Tag("slow") // one Python run: TensorFlow's import takes most of it
class FrozenLayersParityTest {
    private static Path dir;
    private static JsonNode python;

    private static synchronized Path made() throws Exception {
        PythonKeras.require();
        if (dir == null) {
            Path out = PythonKeras.repoRoot().resolve("target").resolve("frozen-layers");
            Files.createDirectories(out);
            String stdout = PythonKeras.run(300, Map.of(), "frozen_layers.py", out.toString());
            String[] lines = stdout.strip().split("\n");
            python = new ObjectMapper().readTree(lines[lines.length - 1]);
            dir = out;
        }
        return dir;
    }

    @Test
    void aFrozenBatchNormalizationTrainsAsInKeras3() throws Exception {
        Path out = made();
        float[] x = Npy.read(out.resolve("x.npy")).toFloats();
        float[] y = Npy.read(out.resolve("y.npy")).toFloats();
        Map<String, NpyArray> after = Npz.read(out.resolve("frozen_bn.after.npz"));
        try (Model model = KerasFiles.load(out.resolve("frozen_bn.keras"))) {
            assertThat(model.getLayer("bn").isTrainable()).isFalse();
            assertThat(model.getLayer("hidden").isTrainable()).isTrue();
            model.compile(new MeanSquaredError(), new Adam(0.01));
            List<float[]> before = model.getWeights();
            History history = model.fit(FloatSamples.of(x, 4), Targets.of(y, 1),
                    FitOptions.defaults().epochs(1).batchSize(8).shuffle(false).verbose(0));
            assertThat(history.history().get("loss").get(0)).isCloseTo(python.get("loss").asDouble(), within(1e-5));
            List<float[]> weights = model.getWeights();
            assertThat(weights).hasSize(after.size());
            for (int i = 0; i < weights.size(); i++) {
                float[] expected = after.get("w_" + i).toFloats();
                for (int j = 0; j < expected.length; j++) {
                    assertThat(weights.get(i)[j]).as("weight %d [%d]", i, j).isCloseTo(expected[j], within(1e-5f));
                }
            }
            for (int i = 2; i < 6; i++) { // gamma, beta, moving_mean, moving_variance: bit-identical
                assertThat(weights.get(i)).as("bn weight %d", i).isEqualTo(before.get(i));
            }
        }
    }

    @Test
    void kerasFilesOfFrozenModelsLoadWithTheirFlags() throws Exception {
        Path out = made();
        for (String name : List.of("frozen_bn", "frozen_nested")) {
            try (Model model = KerasFiles.load(out.resolve(name + ".keras"))) {
                JsonNode counts = python.get(name);
                assertThat(model.trainableParamCount()).as(name).isEqualTo(counts.get("trainable").asLong());
                assertThat(model.paramCount() - model.trainableParamCount()).as(name).isEqualTo(counts.get("non_trainable").asLong());
                assertThat(model.summaryText()).contains("Trainable params: " + counts.get("trainable").asLong());
            }
        }
    }
}
