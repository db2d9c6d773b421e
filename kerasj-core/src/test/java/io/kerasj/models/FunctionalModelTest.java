package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Merge;
import io.kerasj.layers.Naming;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The functional API without merge layers: several outputs, shared layers, nested models, subclassing. */
class FunctionalModelTest {
    private static final FitOptions QUIET = FitOptions.defaults().epochs(2).batchSize(16).verbose(0);

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    static FloatSamples samples(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, width);
    }

    static Targets targets(FloatSamples x, int column) {
        float[] y = new float[x.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 2 * x.sample(i)[column] + 1;
        }
        return Targets.of(y, 1);
    }

    @Test
    void aModelOfTwoOutputsTrainsWithPerOutputLossesWeightsAndMetricsNamedAsKeras() {
        Input input = new Input(new long[] {6}, "features");
        KerasTensor hidden = new Dense(8, "relu").apply(input);
        KerasTensor main = new Dense(1).name("output").apply(hidden);
        KerasTensor aux = new Dense(1).name("aux_output").apply(hidden);
        try (Model model = new Model(List.of(input), List.of(main, aux)).seed(3)) {
            assertThat(model.outputNames()).containsExactly("output", "aux_output");
            assertThat(model.inputNames()).containsExactly("features");
            model.compile(CompileOptions.defaults().optimizer("sgd").losses(List.of("mse", "mse")).lossWeights(0.9, 0.1)
                    .outputMetrics(List.of(List.of("mae"), List.of("mae", "mse"))));
            FloatSamples x = samples(64, 6, 1);
            History history = model.fit(List.of(x), List.of(targets(x, 0), targets(x, 1)),
                    FitOptions.defaults().epochs(2).batchSize(16).verbose(0).validationSplit(0.25));
            // the keys Keras 3.15 gives for this compile (python-reference/history_keys.py), in any order
            assertThat(history.history().keySet()).containsExactlyInAnyOrder("loss", "output_loss", "aux_output_loss",
                    "output_mae", "aux_output_mae", "aux_output_mse", "val_loss", "val_output_loss", "val_aux_output_loss",
                    "val_output_mae", "val_aux_output_mae", "val_aux_output_mse");
            Map<String, Double> logs = model.evaluateToMap(List.of(x), List.of(targets(x, 0), targets(x, 1)), 0, System.out);
            assertThat(logs.get("loss")).isCloseTo(0.9 * logs.get("output_loss") + 0.1 * logs.get("aux_output_loss"), within(1e-4));
            List<float[][]> outputs = model.predict(List.of(x));
            assertThat(outputs).hasSize(2);
            assertThat(outputs.get(1)).hasNumberOfRows(64);
            Map<String, float[][]> byName = model.predictByName(Map.of("features", x));
            assertThat(byName.keySet()).containsExactly("output", "aux_output");
            assertThat(byName.get("aux_output")[5]).containsExactly(outputs.get(1)[5]);
        }
    }

    @Test
    void wideAndDeepWithTwoInputsTrainsAndPrintsTheConnectedToTable() {
        Input wide = new Input(new long[] {5}, "wide_input");
        Input deep = new Input(new long[] {6}, "deep_input");
        KerasTensor hidden1 = new Dense(30, "relu").apply(deep);
        KerasTensor hidden2 = new Dense(30, "relu").apply(hidden1);
        KerasTensor concat = Merge.concatenate(wide, hidden2);
        KerasTensor output = new Dense(1).apply(concat);
        try (Model model = new Model(List.of(wide, deep), List.of(output)).seed(7)) {
            assertThat(model.summaryText()).isEqualTo(String.join("\n",
                    "Model: \"functional\"",
                    "_".repeat(98),
                    "Layer (type)                    Output Shape         Param #     Connected to                     ",
                    "=".repeat(98),
                    "deep_input (InputLayer)         [(None, 6)]          0                                            ",
                    "_".repeat(98),
                    "dense (Dense)                   (None, 30)           210         deep_input[0][0]                 ",
                    "_".repeat(98),
                    "wide_input (InputLayer)         [(None, 5)]          0                                            ",
                    "_".repeat(98),
                    "dense_1 (Dense)                 (None, 30)           930         dense[0][0]                      ",
                    "_".repeat(98),
                    "concatenate (Concatenate)       (None, 35)           0           wide_input[0][0]                 ",
                    "                                                                 dense_1[0][0]                    ",
                    "_".repeat(98),
                    "dense_2 (Dense)                 (None, 1)            36          concatenate[0][0]                ",
                    "=".repeat(98),
                    "Total params: 1,176",
                    "Trainable params: 1,176",
                    "Non-trainable params: 0",
                    "_".repeat(98),
                    ""));
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            FloatSamples w = samples(64, 5, 1);
            FloatSamples d = samples(64, 6, 2);
            History history = model.fit(Map.of("wide_input", w, "deep_input", d), Map.of("dense_2", targets(d, 0)),
                    FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
            assertThat(history.history().get("loss").get(2)).isLessThan(history.history().get("loss").get(0));
        }
    }

    @Test
    void validationSplitHoldsOutTheLastFractionBeforeShuffling() {
        Input input = new Input(new long[] {3}, "in");
        try (Model model = new Model(input, new Dense(1).apply(input)).seed(11)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            FloatSamples x = samples(40, 3, 6);
            Targets y = targets(x, 2);
            History history = model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).verbose(0).validationSplit(0.3));
            double held = model.evaluateToMap(x.slice(28, 40), y.slice(28, 40), 0, System.out).get("loss");
            assertThat(history.history().get("val_loss").get(0)).isCloseTo(held, within(1e-6));
            assertThatThrownBy(() -> model.fit(x.slice(0, 1), y.slice(0, 1), FitOptions.defaults().validationSplit(0.5)))
                    .hasMessageContaining("not sufficient to split it");
        }
    }

    @Test
    void dataByNameEqualsDataInOrder() {
        FloatSamples x = samples(40, 4, 2);
        List<Double> losses = new java.util.ArrayList<>();
        for (boolean byName : new boolean[] {false, true}) {
            Input input = new Input(new long[] {4}, "x_in");
            KerasTensor a = new Dense(1).name("a").apply(input);
            KerasTensor b = new Dense(1).name("b").apply(input);
            try (Model model = new Model(List.of(input), List.of(a, b)).seed(5)) {
                model.compile(CompileOptions.defaults().optimizer("sgd").losses(Map.of("a", "mse", "b", "mae")));
                History h = byName
                        ? model.fit(Map.of("x_in", x), Map.of("b", targets(x, 1), "a", targets(x, 0)), QUIET)
                        : model.fit(List.of(x), List.of(targets(x, 0), targets(x, 1)), QUIET);
                losses.add(h.history().get("loss").get(1));
            }
        }
        assertThat(losses.get(1)).isEqualTo(losses.get(0));
    }

    @Test
    void aLayerCalledTwiceHasOneSetOfWeights() {
        Input left = new Input(new long[] {3}, "left");
        Input right = new Input(new long[] {3}, "right");
        Dense shared = new Dense(2).name("shared");
        KerasTensor l = shared.apply(left);
        KerasTensor r = shared.apply(right);
        try (Model model = new Model(List.of(left, right), List.of(l, r)).seed(1)) {
            assertThat(model.countParams()).isEqualTo(8);
            assertThat(model.getWeights()).hasSize(2);
            assertThat(shared.inboundNodes()).hasSize(2);
            FloatSamples x = samples(5, 3, 9);
            List<float[][]> out = model.predict(List.of(x, x));
            assertThat(out.get(1)[4]).containsExactly(out.get(0)[4]);
        }
    }

    @Test
    void oneLayerInTwoModelsIsOneSetOfWeightsAndOutlivesEitherModel() {
        Dense shared = new Dense(1).name("shared");
        Sequential first = new Sequential(1);
        first.add(new Input(4)).add(shared);
        Sequential second = new Sequential(2);
        second.add(new Input(4)).add(shared);
        FloatSamples x = samples(32, 4, 3);
        first.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
        float[] before = second.predict(x)[0];
        first.fit(x, targets(x, 0), QUIET);
        float[] trained = first.predict(x)[0];
        assertThat(trained).isNotEqualTo(before);
        assertThat(second.predict(x)[0]).containsExactly(trained); // the second model sees the first one's training
        second.close();
        assertThat(shared.getWeights().get(0)).containsExactly(first.getWeights().get(0));
        first.close();
        assertThat(shared.getWeights().get(1)).hasSize(1); // kept after both graphs are gone
    }

    @Test
    void aModelIsALayerOfAnotherAndSharesItsWeights() {
        Input in = new Input(new long[] {8}, "base_input");
        KerasTensor features = new Dense(4, "relu").name("base_dense").apply(in);
        Model base = new Model(List.of(in), List.of(features), "base").seed(4);
        Sequential head = new Sequential("head", 5);
        head.add(new Input(4)).add(new Dense(1).name("head_dense"));
        Sequential model = new Sequential("stacked", 6);
        model.add(base).add(head);
        assertThat(model.layers()).extracting(Layer::name).containsExactly("base", "head");
        assertThat(model.countParams()).isEqualTo(8 * 4 + 4 + 4 + 1);
        FloatSamples x = samples(48, 8, 7);
        model.compile(CompileOptions.defaults().optimizer("adam").loss("mse"));
        float[] baseBefore = base.getWeights().get(0);
        model.fit(x, targets(x, 2), QUIET);
        assertThat(base.getWeights().get(0)).isNotEqualTo(baseBefore);
        // the base alone computes what the stacked model's first stage computes
        float[][] direct = base.predict(x);
        float[][] headOnTop = head.predict(FloatSamples.of(flatten(direct), 4));
        assertThat(headOnTop[3][0]).isCloseTo(model.predict(x)[3][0], within(1e-5f));
        assertThat(model.weights()).extracting(w -> w.path()).containsExactly("base/base_dense/kernel", "base/base_dense/bias",
                "head/head_dense/kernel", "head/head_dense/bias");
        model.close();
        base.close();
        head.close();
    }

    @Test
    void aFeatureExtractorIsBuiltFromAnotherModelsIntermediateOutput() {
        Input input = new Input(new long[] {5}, "in");
        KerasTensor h1 = new Dense(6, "relu").name("dense").apply(input);
        KerasTensor h2 = new Dense(3, "relu").name("dense_1").apply(h1);
        KerasTensor out = new Dense(1).name("out").apply(h2);
        try (Model model = new Model(input, out).seed(8);
             Model extractor = new Model(model.inputs(), List.of(model.getLayer("dense_1").output()))) {
            assertThat(extractor.layers()).extracting(Layer::name).containsExactly("in", "dense", "dense_1");
            assertThat(extractor.outputShape()).containsExactly(3);
            FloatSamples x = samples(4, 5, 1);
            model.predict(x);
            float[][] features = extractor.predict(x);
            assertThat(features[0]).hasSize(3);
            assertThatThrownBy(() -> model.getLayer("nope")).hasMessageContaining("No such layer: nope");
            // a functional chain prints TF 2.3's three columns, its InputLayer's shape as a list
            assertThat(model.summaryText()).contains("\nin (InputLayer)              [(None, 5)]               0         \n")
                    .contains("\ndense_1 (Dense)              (None, 3)                 21        \n").doesNotContain("Connected to");
        }
    }

    /** The course's subclassed WideDeepModel: layers made in the constructor, call() traced when built. */
    static final class WideDeepModel extends Model {
        private final Dense hidden1 = new Dense(30, "relu");
        private final Dense hidden2 = new Dense(30, "relu");
        private final Dense output = new Dense(1);

        @Override
        protected KerasTensor call(KerasTensor input) {
            KerasTensor h2 = hidden2.apply(hidden1.apply(input));
            return output.apply(Merge.concatenate(input, h2));
        }
    }

    @Test
    void aSubclassedModelIsTracedWhenBuiltAndTrains() {
        try (WideDeepModel model = new WideDeepModel()) {
            model.seed(2);
            assertThat(model.name()).isEqualTo("wide_deep_model");
            assertThatThrownBy(model::countParams).hasMessageContaining("not built yet");
            model.build(new long[] {8});
            assertThat(model.countParams()).isEqualTo(270 + 930 + 39);
            // as the course's TF 2 summary: the tracked layers (the concatenation made in call is not one), "multiple"
            assertThat(model.layers()).extracting(Layer::name).containsExactly("dense", "dense_1", "dense_2");
            assertThat(model.summaryText()).contains("dense (Dense)                multiple                  270")
                    .contains("dense_2 (Dense)              multiple                  39").doesNotContain("concatenate");
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            FloatSamples x = samples(64, 8, 4);
            History history = model.fit(x, targets(x, 0), QUIET);
            assertThat(history.history().get("loss").get(1)).isLessThan(history.history().get("loss").get(0));
        }
    }

    @Test
    void integerInputsArriveAsIntegersAndRefuseFractions() {
        Input input = new Input(new long[] {3}, "int32", "ids");
        try (Model model = new Model(input, new Dense(2).apply(input)).seed(1)) {
            float[][] out = model.predict(FloatSamples.of(new float[] {1, 2, 3, 4, 5, 6}, 3));
            assertThat(out).hasNumberOfRows(2);
            assertThatThrownBy(() -> model.predict(FloatSamples.of(new float[] {1.5f, 2, 3}, 3)))
                    .hasMessageContaining("expected int32 values");
        }
    }

    @Test
    void keras3sGraphChecksAreMade() {
        Input a = new Input(new long[] {2}, "a");
        Input b = new Input(new long[] {2}, "b");
        KerasTensor fromB = new Dense(1).apply(b);
        assertThatThrownBy(() -> new Model(a, fromB)).hasMessageContaining("Graph disconnected");
        Dense twin = new Dense(1).name("twin");
        KerasTensor first = twin.apply(a);
        KerasTensor second = new Dense(1).name("twin").apply(first);
        assertThatThrownBy(() -> new Model(a, second)).hasMessageContaining("The name \"twin\" is used 2 times");
        assertThatThrownBy(() -> new Dense(1).apply(new Input(3)).layer().apply(new Input(4)))
                .hasMessageContaining("already built for input shape [3], found [4]");
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
