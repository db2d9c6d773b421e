package io.kerasj.models;

import io.kerasj.engine.SmallProblems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.Targets;
import io.kerasj.layers.Weight;
import io.kerasj.metrics.Accuracy;
import io.kerasj.optimizers.Adam;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras's compile argument names, names and objects mixed; evaluate by name; weights with their shapes. */
class CompileOptionsTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void compileTakesKerassArgumentNamesMixingNamesAndObjects() {
        SmallProblems data = SmallProblems.blobs(60, 3);
        try (Sequential model = SmallProblems.mlp(1)) {
            model.compile(CompileOptions.defaults().optimizer(new Adam(0.01)).loss("sparse_categorical_crossentropy")
                    .metrics("accuracy", new Accuracy.SparseTopKCategorical("top2", 2)));
            assertThat(model.compileConfig().optimizer()).isInstanceOf(Adam.class);
            assertThat(model.compileConfig().loss()).isInstanceOf(SparseCategoricalCrossentropy.class);
            assertThat(model.compileConfig().metricNames()).containsExactly("accuracy", "top2");
            assertThat(model.compileConfig().metrics().get(0)).isInstanceOf(Accuracy.SparseCategorical.class);

            model.compile(CompileOptions.defaults().loss(new SparseCategoricalCrossentropy()));
            assertThat(model.compileConfig().optimizer().getClass().getSimpleName()).isEqualTo("RMSprop"); // Keras's default
            assertThat(model.compileConfig().metrics()).isEmpty();
            assertThat(model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0)).history()).containsOnlyKeys("loss");
        }
    }

    @Test
    void namesFailWhereTheyAreWrittenNamingTheArgument() {
        assertThatThrownBy(() -> CompileOptions.defaults().optimizer("mse")).hasMessageStartingWith("optimizer: expected one of");
        assertThatThrownBy(() -> CompileOptions.defaults().loss("adam")).hasMessageStartingWith("loss: expected one of");
        assertThatThrownBy(() -> CompileOptions.defaults().metrics("mae", 3)).hasMessage("metrics[1]: expected a metric name, a Metric or a LossFunction, found Integer");
        try (Sequential model = SmallProblems.mlp(1)) {
            assertThatThrownBy(() -> model.compile(CompileOptions.defaults().optimizer("adam")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no loss");
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldLossFirstFormSaysWhatToWriteWhenGivenKerassOrder() {
        try (Sequential model = SmallProblems.mlp(1)) {
            assertThatThrownBy(() -> model.compile("adam", "sparse_categorical_crossentropy"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'adam' is an optimizer")
                    .hasMessageContaining("model.compile(CompileOptions.defaults().optimizer(\"adam\").loss(\"sparse_categorical_crossentropy\"))");
            model.compile("sparse_categorical_crossentropy", "adam", "accuracy"); // still works
            assertThat(model.compileConfig().metricNames()).containsExactly("accuracy");
        }
    }

    @Test
    void notCompiledNamesKerassOrder() {
        SmallProblems data = SmallProblems.blobs(9, 3);
        try (Sequential model = SmallProblems.mlp(1)) {
            assertThatThrownBy(() -> model.evaluate(data.x, data.y, 0, QUIET)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("model.compile(CompileOptions.defaults().optimizer(...).loss(...))")
                    .hasMessageContaining("model.compile(optimizer=..., loss=...)");
        }
    }

    @Test
    void evaluateToMapKeysTheValuesAsTheHistory() {
        SmallProblems data = SmallProblems.blobs(45, 3);
        try (Sequential model = SmallProblems.mlp(1)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("sparse_categorical_crossentropy").metrics("accuracy", "acc"));
            Map<String, Double> byName = model.evaluateToMap(data.x, Targets.classes(data.y), 0, QUIET);
            double[] values = model.evaluate(data.x, Targets.classes(data.y), 0, QUIET);
            assertThat(byName).containsOnlyKeys("loss", "accuracy", "acc");
            assertThat(List.copyOf(byName.keySet())).containsExactly("loss", "accuracy", "acc");
            assertThat(byName.values().stream().mapToDouble(Double::doubleValue).toArray()).containsExactly(values);
            assertThat(byName.get("loss")).isPositive();
        }
    }

    @Test
    void weightsCarryTheirPathsAndShapes() {
        try (Sequential model = SmallProblems.mlp(1)) {
            List<Weight> weights = model.weights();
            assertThat(weights).extracting(Weight::path).containsExactly("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias");
            assertThat(weights.get(0).shape()).containsExactly(SmallProblems.FEATURES, 16);
            assertThat(weights.get(2).shape()).containsExactly(16, SmallProblems.CLASSES);
            assertThat(weights.get(1).name()).isEqualTo("bias");
            List<float[]> flat = model.getWeights();
            for (int i = 0; i < flat.size(); i++) {
                assertThat(weights.get(i).values()).containsExactly(flat.get(i));
            }
            assertThat(model.layers().get(2).weights()).isEqualTo(weights.subList(2, 4));
            assertThatThrownBy(() -> new Weight("w", new long[] {2, 3}, new float[5])).hasMessageContaining("holds 6 values, found 5");
        }
    }
}
