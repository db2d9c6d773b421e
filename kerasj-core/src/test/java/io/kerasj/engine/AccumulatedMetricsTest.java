package io.kerasj.engine;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.metrics.AUC;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.metrics.F1Score;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.metrics.Metric;
import io.kerasj.metrics.Precision;
import io.kerasj.metrics.R2Score;
import io.kerasj.metrics.Recall;
import io.kerasj.metrics.RootMeanSquaredError;
import io.kerasj.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metrics whose state is a vector of sums are carried through the in-graph training loop: with weights that do
 * not move, the epoch's value in the History (batches of 7, one native call per batch, or all in one call) equals
 * the value {@code evaluate} computes over the same samples in one slice.
 */
class AccumulatedMetricsTest {
    /** A learning rate whose steps leave float32 weights as they are. */
    private static final double NO_STEP = 1e-30;

    @Test
    void classificationMetricsAccumulateOverTheEpoch() {
        SmallProblems data = SmallProblems.blobs(61, 5);
        float[] firstClass = new float[data.y.length];
        for (int i = 0; i < firstClass.length; i++) {
            firstClass[i] = data.y[i] == 0 ? 1 : 0;
        }
        Targets y = Targets.of(firstClass, 1);
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(SmallProblems.FEATURES));
            model.add(new Dense(1, "sigmoid"));
            model.compile(new BinaryCrossentropy(), new SGD(NO_STEP), List.of(new AUC(), new AUC("pr_auc", 50, "PR", "interpolation", false),
                    new Precision(), new Recall(), new F1Score("f1_score", null, 0.5)));
            assertSameOverBatches(model, data, y, 0, 1);
        }
    }

    @Test
    void regressionMetricsAccumulateOverTheEpoch() {
        SmallProblems data = SmallProblems.blobs(61, 6);
        float[] targets = new float[data.y.length * 2];
        for (int i = 0; i < data.y.length; i++) {
            targets[2 * i] = data.y[i];
            targets[2 * i + 1] = data.x.toArray()[i * SmallProblems.FEATURES];
        }
        Targets y = Targets.of(targets, 2);
        try (Sequential model = new Sequential(4)) {
            model.add(new Flatten(SmallProblems.FEATURES));
            model.add(new Dense(2, "linear"));
            model.compile(new MeanSquaredError(), new SGD(NO_STEP), List.of(new RootMeanSquaredError(), new R2Score(),
                    new R2Score("weighted_r2", "variance_weighted_average", 2)));
            assertSameOverBatches(model, data, y, -100, 100);
        }
    }

    @Test
    void aConfusionMetricRefusesClassIndexTargetsOfSeveralUnits() {
        SmallProblems data = SmallProblems.blobs(30, 1);
        try (Sequential model = SmallProblems.mlp(2)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "auc");
            assertThatThrownBy(() -> model.evaluate(data.x, data.y)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("auc").hasMessageContaining("class-index targets");
        }
    }

    private static void assertSameOverBatches(Sequential model, SmallProblems data, Targets y, double low, double high) {
        double[] evaluated = model.evaluate(data.x, y, 0, null);
        List<Metric> metrics = model.compileConfig().metrics();
        for (int perCall : new int[] {1, 0}) {
            Map<String, List<Double>> history = model.fit(data.x, y, FitOptions.defaults().epochs(1).batchSize(7).shuffle(false)
                    .verbose(0).stepsPerExecution(perCall)).history();
            for (int m = 0; m < metrics.size(); m++) {
                String name = metrics.get(m).name();
                double fromFit = history.get(name).get(0);
                assertThat(fromFit).as("%s over batches of 7, %d per call", name, perCall).isCloseTo(evaluated[1 + m], within(1e-6));
                assertThat(fromFit).as(name).isBetween(low, high);
            }
        }
    }
}
