package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph model built in Java (two inputs, a shared layer, a merge, a nested model, two outputs compiled with
 * per-output losses, loss weights and metrics, trained one epoch) saved as {@code .keras} and loaded back: the same
 * structure, outputs, compile settings and optimizer state. Keras 3's reading of such files is
 * {@link FunctionalFilesParityTest}'s.
 */
class GraphFilesRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void aTrainedGraphModelComesBackWithItsStructureOutputsCompileSettingsAndOptimizerState() {
        Input left = new Input(new long[] {6}, "left");
        Input right = new Input(new long[] {6}, "right");
        Layer shared = new Dense(4, "relu").name("shared");
        KerasTensor merged = new Concatenate().name("cat").applyAll(List.of(shared.apply(left), shared.apply(right))).get(0);
        Input baseInput = new Input(new long[] {8}, "base_in");
        Model base = new Model(List.of(baseInput), List.of(new Dense(5, "relu").name("base_dense").apply(baseInput)), "base");
        KerasTensor hidden = base.apply(merged);
        KerasTensor output = new Dense(1).name("output").apply(hidden);
        KerasTensor aux = new Dense(3, "softmax").name("aux").apply(hidden);
        Path file = tmp.resolve("graph.keras");
        FloatSamples x1 = samples(32, 1);
        FloatSamples x2 = samples(32, 2);
        List<float[][]> before;
        String compileBefore;
        List<float[]> stateBefore;
        try (Model model = new Model(List.of(left, right), List.of(output, aux), "graph").seed(5)) {
            model.compile(CompileOptions.defaults().optimizer("adam").losses(List.of("mse", "sparse_categorical_crossentropy"))
                    .lossWeights(0.7, 0.3).outputMetrics(List.of(List.of("mae"), List.of("accuracy"))));
            float[] y1 = new float[32];
            float[] y2 = new float[32];
            for (int i = 0; i < 32; i++) {
                y1[i] = x1.sample(i)[0];
                y2[i] = i % 3;
            }
            model.fit(List.of(x1, x2), List.of(Targets.of(y1, 1), Targets.classes(toInts(y2))), FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
            before = model.predict(List.of(x1, x2));
            compileBefore = CompileSettings.write(model.compileConfig(), 1e-3).toString();
            stateBefore = model.getOptimizerState();
            KerasFiles.save(model, file, false);
        }
        List<String> warnings = new ArrayList<>();
        try (Model loaded = KerasFiles.load(file, 9, warnings::add)) {
            assertThat(warnings).isEmpty();
            assertThat(loaded.className()).isEqualTo("Functional");
            assertThat(loaded.inputNames()).containsExactly("left", "right");
            assertThat(loaded.outputNames()).containsExactly("output", "aux");
            assertThat(loaded.getLayer("shared").inboundNodes()).hasSize(2);
            assertThat(loaded.getLayer("base")).isInstanceOf(Model.class);
            assertThat(((Model) loaded.getLayer("base")).getLayer("base_dense")).isInstanceOf(Dense.class);
            List<float[][]> after = loaded.predict(List.of(x1, x2));
            for (int o = 0; o < 2; o++) {
                for (int r = 0; r < 32; r++) {
                    assertThat(after.get(o)[r]).containsExactly(before.get(o)[r]);
                }
            }
            assertThat(CompileSettings.write(loaded.compileConfig(), 1e-3).toString()).isEqualTo(compileBefore);
            assertThat(loaded.learningRate()).as("kept as Keras keeps it, in float32").isEqualTo((double) 1e-3f);
            assertThat(loaded.compileConfig().metricNames()).containsExactly("output_loss", "aux_loss", "output_mae", "aux_accuracy");
            List<float[]> stateAfter = loaded.getOptimizerState();
            assertThat(stateAfter).hasSameSizeAs(stateBefore);
            for (int i = 0; i < stateBefore.size(); i++) {
                assertThat(stateAfter.get(i)).containsExactly(stateBefore.get(i));
            }
        }
    }

    /** A subclassed model: layers in fields, a merge made inside call. */
    static final class WideDeep extends Model {
        private final Dense hidden = new Dense(4, "relu");
        private final Dense head = new Dense(1);

        @Override
        protected KerasTensor call(KerasTensor input) {
            return head.apply(new Concatenate().apply(input, hidden.apply(input)));
        }
    }

    @Test
    void aSubclassedModelIsSavedAsTheGraphItTracedToAndLoadsBackAsAFunctionalModel() {
        Path file = tmp.resolve("sub.keras");
        FloatSamples x = samples(8, 3);
        try (WideDeep model = new WideDeep()) {
            model.seed(4);
            model.build(new long[] {6});
            float[][] expected = model.predict(x);
            KerasFiles.save(model, file, false);
            try (Model loaded = KerasFiles.load(file)) {
                assertThat(loaded.className()).isEqualTo("Functional");
                assertThat(loaded.name()).isEqualTo(model.name());
                assertThat(loaded.countParams()).isEqualTo(model.countParams());
                float[][] actual = loaded.predict(x);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).containsExactly(expected[i]);
                }
            }
        }
    }

    private static FloatSamples samples(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, 6);
    }

    private static int[] toInts(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}
