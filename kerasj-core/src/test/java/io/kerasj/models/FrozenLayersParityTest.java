package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
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
 * BatchNormalization model trained one epoch on both sides; recompiling with the same or a new optimizer instance after
 * freezing or unfreezing; Keras's files of frozen models loaded with their flags, and a model frozen as a whole both ways.
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
            Path javaFile = out.resolve("java_frozen_model.keras");
            try (Model frozen = frozenFunctional()) {
                frozen.save(javaFile, true);
            }
            String stdout = PythonKeras.run(300, Map.of(), "frozen_layers.py", out.toString(), javaFile.toString());
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

    /** A functional model frozen as a whole: Input(4) "features", Dense(3) "hidden", Dense(2) "out". */
    private static Model frozenFunctional() {
        Input input = new Input(new long[] {4}, "features");
        Model model = new Model(List.of(input), List.of(new Dense(2).name("out").apply(new Dense(3).name("hidden").apply(input))),
                "java_frozen_model");
        model.trainable(false);
        return model;
    }

    /** Input(4), Dense(8, relu) "hidden", Dense(1) "head", named as the script's, with the script's first weights. */
    private static Sequential recompileModel(Map<String, NpyArray> weights) {
        Sequential model = new Sequential("recompile", 1);
        model.add(new Input(4));
        model.add(new Dense(8, "relu").name("hidden"));
        model.add(new Dense(1).name("head"));
        model.setWeights(List.of(weights.get("w_0").toFloats(), weights.get("w_1").toFloats(), weights.get("w_2").toFloats(),
                weights.get("w_3").toFloats()));
        return model;
    }

    private static void fitTwoEpochs(Model model, Path out) throws Exception {
        float[] x = java.util.Arrays.copyOf(Npy.read(out.resolve("x.npy")).toFloats(), 32 * 4);
        float[] y = java.util.Arrays.copyOf(Npy.read(out.resolve("y.npy")).toFloats(), 32);
        model.fit(FloatSamples.of(x, 4), Targets.of(y, 1), FitOptions.defaults().epochs(2).batchSize(8).shuffle(false).verbose(0));
    }

    private static void assertWeightsEqual(Model model, Map<String, NpyArray> expected, String prefix) {
        List<float[]> weights = model.getWeights();
        for (int i = 0; i < weights.size(); i++) {
            float[] keras = expected.get(prefix + i).toFloats();
            for (int j = 0; j < keras.length; j++) {
                assertThat(weights.get(i)[j]).as("%s weight %d [%d]", prefix, i, j).isCloseTo(keras[j], within(1e-5f));
            }
        }
    }

    /**
     * Recompiled with the same optimizer instance after freezing a layer, the model continues from the optimizer's
     * state (its Adam moments and step count), as in Keras 3; a reset state would move the head differently.
     */
    @Test
    void recompilingWithTheSameOptimizerKeepsItsStateAsKeras3() throws Exception {
        Path out = made();
        Map<String, NpyArray> expected = Npz.read(out.resolve("recompile.npz"));
        try (Sequential model = recompileModel(expected)) {
            Adam adam = new Adam(0.01);
            model.compile(new MeanSquaredError(), adam);
            fitTwoEpochs(model, out);
            model.getLayer("hidden").trainable(false);
            List<float[]> hidden = model.getLayer("hidden").getWeights();
            model.compile(new MeanSquaredError(), adam);
            fitTwoEpochs(model, out);
            assertWeightsEqual(model, expected, "same_");
            assertThat(model.getLayer("hidden").getWeights()).usingRecursiveComparison().isEqualTo(hidden);
            List<float[]> state = model.getOptimizerState();
            assertThat(state.get(state.size() - 1)[0]).isEqualTo((float) python.get("same_iterations").asInt());
        }
    }

    /** Fine-tuning: frozen, then unfrozen and recompiled with a new optimizer at a lower rate, which starts afresh. */
    @Test
    void fineTuningWithANewOptimizerTrainsAsKeras3() throws Exception {
        Path out = made();
        Map<String, NpyArray> expected = Npz.read(out.resolve("recompile.npz"));
        try (Sequential model = recompileModel(expected)) {
            model.getLayer("hidden").trainable(false);
            model.compile(new MeanSquaredError(), new Adam(0.01));
            fitTwoEpochs(model, out);
            assertThat(model.getLayer("hidden").getWeights().get(0)).isEqualTo(expected.get("w_0").toFloats());
            model.getLayer("hidden").trainable(true);
            model.compile(new MeanSquaredError(), new Adam(0.001));
            fitTwoEpochs(model, out);
            assertWeightsEqual(model, expected, "fresh_");
        }
    }

    /** Unfrozen and recompiled with the optimizer instance built without the layer: Keras's ValueError, word for word. */
    @Test
    void recompilingTheSameOptimizerWithNewTrainableWeightsFailsAsKeras3() throws Exception {
        Path out = made();
        try (Sequential model = recompileModel(Npz.read(out.resolve("recompile.npz")))) {
            Adam adam = new Adam(0.01);
            model.getLayer("hidden").trainable(false);
            model.compile(new MeanSquaredError(), adam);
            fitTwoEpochs(model, out);
            model.getLayer("hidden").trainable(true);
            model.compile(new MeanSquaredError(), adam);
            assertThatThrownBy(() -> fitTwoEpochs(model, out)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(python.get("unknown_variable").asText());
        }
    }

    /** {@code model.trainable = false} on a functional model, in .keras files both ways. */
    @Test
    void aModelFrozenAsAWholeRoundTripsThroughKerasFiles() throws Exception {
        Path out = made();
        JsonNode java = python.get("java_model");
        assertThat(java.get("trainable").asBoolean()).as("Keras reads Java's root flag").isFalse();
        assertThat(java.get("trainable_weights").asInt()).isZero();
        // Keras's file freezes every layer too, so Java loads it frozen; the root flag itself (model.isTrainable()) is
        // the loader's business, fixed apart (issue 25)
        try (Model model = KerasFiles.load(out.resolve("frozen_model.keras"))) {
            assertThat(model.trainableParamCount()).isEqualTo(python.get("frozen_model").get("trainable").asLong());
            assertThat(model.paramCount()).isEqualTo(python.get("frozen_model").get("non_trainable").asLong());
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
