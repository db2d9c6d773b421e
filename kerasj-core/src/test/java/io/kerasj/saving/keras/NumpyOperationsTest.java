package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.ScalarOperation;
import io.kerasj.layers.ScalarOperation.Kind;
import io.kerasj.models.Model;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 3's operations between a tensor and a number ({@code x + 3.0} in MobileNetV3's hard sigmoid): a model of
 * them runs, saves them as Keras writes them (module {@code keras.src.ops.numpy}, the number in the node's
 * arguments, in its place) and loads back to the same outputs.
 */
class NumpyOperationsTest {
    @TempDir
    Path tmp;

    @Test
    void operationsOnANumberRunSaveAsKerasDoesAndLoadBack() throws Exception {
        Input x = new Input(3);
        KerasTensor y = new ScalarOperation(Kind.ADD, 3.0, false, "add").apply(x);
        y = new ScalarOperation(Kind.SUBTRACT, 1.0, true, "subtract").apply(y);
        y = new ScalarOperation(Kind.MULTIPLY, 1.0 / 6, false, "multiply").apply(y);
        y = new ScalarOperation(Kind.TRUE_DIVIDE, 2.0, false, "true_divide").apply(y);
        FloatSamples in = FloatSamples.of(new float[] {0, 1, -2, 4, 5.5f, -7}, 3);
        Path file = tmp.resolve("ops.keras");
        float[][] before;
        try (Model model = new Model(x, y)) {
            before = model.predict(in);
            KerasFiles.save(model, file, false);
        }
        float[] raw = {0, 1, -2, 4, 5.5f, -7};
        for (int i = 0; i < raw.length; i++) {
            assertThat(before[i / 3][i % 3]).isCloseTo((1 - (raw[i] + 3)) / 6 / 2, within(1e-6f));
        }
        JsonNode layers;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            layers = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("config.json"))).path("config").path("layers");
        }
        JsonNode subtract = layers.get(2);
        assertThat(subtract.path("module").asText()).isEqualTo("keras.src.ops.numpy");
        assertThat(subtract.path("class_name").asText()).isEqualTo("Subtract");
        JsonNode args = subtract.path("inbound_nodes").get(0).path("args");
        assertThat(args.get(0).asDouble()).isEqualTo(1.0);
        assertThat(args.get(1).path("config").path("keras_history").get(0).asText()).isEqualTo("add");
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.layers().get(2)).isInstanceOfSatisfying(ScalarOperation.class, op -> {
                assertThat(op.kind()).isEqualTo(Kind.SUBTRACT);
                assertThat(op.constantFirst()).isTrue();
            });
            assertThat(loaded.predict(in)).isDeepEqualTo(before);
        }
    }

    @Test
    void sameProblemInManyLayersIsOnePhrase() {
        var problems = new java.util.ArrayList<String>();
        for (int i = 0; i < 52; i++) {
            problems.add("BatchNormalization option axis=1 (layer 'bn_" + i + "'; KerasJ normalizes the last axis)");
        }
        problems.add("GaussianNoise (layer 'noise')");
        assertThat(ProblemGroups.join(problems)).isEqualTo("BatchNormalization option axis=1 (52 layers: 'bn_0', 'bn_1', 'bn_2', ...;"
                + " KerasJ normalizes the last axis), GaussianNoise (layer 'noise')");
    }
}
