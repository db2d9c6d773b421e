package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph models leave KerasJ as SavedModels with every input and output named as Keras 3's {@code model.export()}
 * names them in {@code serving_default}, and come back for prediction by name.
 */
class GraphExportTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    /**
     * Wide &amp; Deep of two inputs (deep_input int32) and two outputs: output = softmax of [wide_input, deep features]
     * concatenated, aux_output from the deep features alone.
     */
    static Model twoInTwoOut() {
        Input wide = new Input(new long[] {5}, "wide_input");
        Input deep = new Input(new long[] {3}, "int32", "deep_input");
        KerasTensor features = new Dense(4, "relu").name("deep_hidden").apply(deep);
        KerasTensor merged = new Concatenate().apply(wide, features);
        KerasTensor output = new Dense(2, "softmax").name("output").apply(merged);
        KerasTensor aux = new Dense(1).name("aux_output").apply(features);
        return new Model(List.of(wide, deep), List.of(output, aux)).seed(7);
    }

    static FloatSamples floats(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, width);
    }

    static FloatSamples ints(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(20) - 10;
        }
        return FloatSamples.of(values, width);
    }

    @Test
    void everyInputAndOutputIsNamedAndIntegerInputsKeepTheirDtype() {
        Path dir = tmp.resolve("two");
        try (Model model = twoInTwoOut()) {
            FloatSamples wide = floats(37, 5, 1);
            FloatSamples deep = ints(37, 3, 2);
            Map<String, float[][]> expected = model.predictByName(Map.of("wide_input", wide, "deep_input", deep));
            model.save(dir);
            try (KerasSavedModel saved = KerasSavedModel.load(dir, LoadOptions.defaults().batchSize(16))) {
                SignatureSpec sig = saved.signature();
                assertThat(sig.inputs().keySet()).containsExactlyInAnyOrder("wide_input", "deep_input");
                assertThat(sig.inputs().get("wide_input").dtype()).isEqualTo("DT_FLOAT");
                assertThat(sig.inputs().get("deep_input").dtype()).isEqualTo("DT_INT32");
                assertThat(sig.inputs().get("deep_input").shape()).containsExactly(-1L, 3L);
                assertThat(sig.outputs().keySet()).containsExactlyInAnyOrder("output", "aux_output");
                assertThat(sig.outputs().get("output").shape()).containsExactly(-1L, 2L);
                Map<String, FloatSamples> got = saved.predictAll("serving_default", Map.of("wide_input", wide, "deep_input", deep));
                assertThat(got.keySet()).containsExactlyInAnyOrder("output", "aux_output");
                for (String name : List.of("output", "aux_output")) {
                    FloatSamples out = got.get(name);
                    assertThat(out.count()).isEqualTo(37);
                    for (int i = 0; i < 37; i++) {
                        float[] row = out.sample(i);
                        for (int c = 0; c < row.length; c++) {
                            assertThat(row[c]).as(name + "[" + i + "][" + c + "]").isCloseTo(expected.get(name)[i][c], within(1e-6f));
                        }
                    }
                }
                float[][] one = saved.predict("serving_default", Map.of("wide_input", wide, "deep_input", deep), "aux_output");
                assertThat(one[36]).containsExactly(got.get("aux_output").sample(36));
                assertThat(saved.variables().stream().map(VariableSpec::name))
                        .contains("deep_hidden/kernel", "output/bias", "aux_output/kernel");
            }
        }
    }

    @Test
    void predictingByNameRefusesWhatTheSignatureCannotTake() {
        Path dir = tmp.resolve("two");
        try (Model model = twoInTwoOut()) {
            model.save(dir);
        }
        try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
            FloatSamples wide = floats(4, 5, 1);
            assertThatThrownBy(() -> saved.predictAll("serving_default", Map.of("wide_input", wide)))
                    .isInstanceOf(SavedModelException.class).hasMessageContaining("given [wide_input]");
            assertThatThrownBy(() -> saved.predictAll("serving_default", Map.of("wide_input", wide, "deep_input", floats(4, 3, 2))))
                    .isInstanceOf(SavedModelException.class).hasMessageContaining("input deep_input is DT_INT32")
                    .hasMessageContaining("expected a whole number");
            assertThatThrownBy(() -> saved.predictAll("serving_default", Map.of("wide_input", wide, "deep_input", ints(3, 3, 2))))
                    .isInstanceOf(SavedModelException.class).hasMessageMatching(".*has [34] samples, the other inputs [34]");
            assertThatThrownBy(() -> saved.predictAll("serving_default", Map.of("wide_input", wide, "deep_input", ints(4, 4, 2))))
                    .isInstanceOf(SavedModelException.class).hasMessageContaining("input deep_input expects [-1,3]");
        }
    }

    @Test
    void aFunctionalModelOfOneInputAndOutputNamesThemAsItsInputAndOutput() {
        Path dir = tmp.resolve("one");
        Input in = new Input(new long[] {4}, "features");
        KerasTensor out = new Dense(3).name("scores").apply(new Dense(6, "tanh").apply(in));
        try (Model model = new Model(in, out).seed(3)) {
            FloatSamples x = floats(9, 4, 5);
            float[][] expected = model.predict(x);
            model.save(dir);
            try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
                assertThat(saved.signature().inputs().keySet()).containsExactly("features");
                assertThat(saved.signature().outputs().keySet()).containsExactly("scores");
                float[][] got = saved.predict(x);
                for (int i = 0; i < expected.length; i++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(got[i][c]).isCloseTo(expected[i][c], within(1e-6f));
                    }
                }
            }
        }
    }

    @Test
    void aNestedModelIsExportedWithItsOwnWeights() {
        Path dir = tmp.resolve("nested");
        Input in = new Input(new long[] {8}, "base_input");
        Model base = new Model(List.of(in), List.of(new Dense(4, "relu").name("base_dense").apply(in)), "base").seed(4);
        Sequential head = new Sequential("head", 5);
        head.add(new Input(4)).add(new Dense(1).name("head_dense"));
        try (Sequential model = new Sequential("stacked", 6)) {
            model.add(base).add(head);
            FloatSamples x = floats(6, 8, 9);
            float[][] expected = model.predict(x);
            model.save(dir);
            try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
                assertThat(saved.signature().inputs().keySet()).containsExactly("base_input");
                assertThat(saved.signature().outputs().keySet()).containsExactly("head");
                float[][] got = saved.predict(x);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(got[i][0]).isCloseTo(expected[i][0], within(1e-6f));
                }
                assertThat(saved.variables().stream().map(VariableSpec::name)).contains("base/base_dense/kernel", "head/head_dense/bias");
            }
        }
    }

    @Test
    void aLayerWithSublayersIsExportedWithItsSublayersWeightsAndPredictsAsTheModel() {
        Path dir = tmp.resolve("sublayers");
        try (Model model = io.kerasj.layers.ResidualModels.model(12)) {
            model.compile(io.kerasj.models.CompileOptions.defaults().optimizer("adam").loss("mse"));
            model.fit(io.kerasj.layers.ResidualModels.images(32, 1), io.kerasj.layers.ResidualModels.targets(32, 2, 2),
                    io.kerasj.models.FitOptions.defaults().epochs(1).batchSize(8).verbose(0)); // moving statistics away from 0 and 1
            FloatSamples x = io.kerasj.layers.ResidualModels.images(5, 3);
            float[][] expected = model.predict(x);
            model.save(dir);
            try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
                float[][] got = saved.predict(x);
                for (int i = 0; i < expected.length; i++) {
                    for (int o = 0; o < expected[i].length; o++) {
                        assertThat(got[i][o]).isCloseTo(expected[i][o], within(1e-5f));
                    }
                }
                assertThat(saved.variables().stream().map(VariableSpec::name)).contains("residual_block/alpha",
                        "residual_block/conv2d/kernel", "residual_block/batch_normalization/moving_mean");
            }
        }
    }
}
