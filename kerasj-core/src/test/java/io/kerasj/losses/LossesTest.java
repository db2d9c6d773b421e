package io.kerasj.losses;

import io.kerasj.metrics.Accuracy;
import io.kerasj.metrics.MeanMetric;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.SGD;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** categorical_crossentropy and mean_squared_error against values computed by hand in double precision. */
class LossesTest {
    private static final float[] X = {1, 0, 0, 2};
    // kernel [[1, 0, -1], [0, 1, 0]]: logits row 0 = (1, 0, -1), row 1 = (0, 2, 0)
    private static final float[] KERNEL = {1, 0, -1, 0, 1, 0};

    private static Sequential threeUnits(String activation) {
        Sequential model = new Sequential(1);
        model.add(new Dense(3, Activation.of(activation), null, new long[] {2}));
        model.layers().get(0).setWeights(List.of(KERNEL, new float[] {0, 0, 0}));
        return model;
    }

    private static double logSumExp(double... z) {
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v);
        }
        return Math.log(sum);
    }

    @Test
    void categoricalCrossentropyOfASoftmaxOutputOnOneHotFloatTargets() {
        try (Sequential model = threeUnits("softmax")) {
            model.compile("categorical_crossentropy", "sgd", "accuracy");
            assertThat(model.compileConfig().metrics().get(0)).isInstanceOf(Accuracy.Categorical.class);
            Targets y = Targets.of(new float[] {1, 0, 0, 0, 0, 1}, 3);
            double expected = ((logSumExp(1, 0, -1) - 1) + (logSumExp(0, 2, 0) - 0)) / 2;
            double[] result = model.evaluate(FloatSamples.of(X, 2), y, 0, System.out);
            assertThat(result[0]).isCloseTo(expected, within(1e-6));
            assertThat(result[1]).isEqualTo(0.5); // row 0 right (class 0), row 1 predicts 1 for target 2
        }
    }

    @Test
    void categoricalCrossentropyOfProbabilitiesScalesAndClipsAsKeras() {
        try (Sequential model = threeUnits("relu")) {
            model.compile(new CategoricalCrossentropy(), new SGD(), "accuracy");
            // outputs row 0 = (1, 0, 0), row 1 = (0, 2, 0): scaled to sum 1, then clipped to [1e-7, 1 - 1e-7]
            Targets y = Targets.of(new float[] {0.5f, 0.5f, 0, 0, 1, 0}, 3);
            double row0 = -(0.5 * Math.log(1 - 1e-7) + 0.5 * Math.log(1e-7));
            double row1 = -Math.log(1 - 1e-7);
            assertThat(model.evaluate(FloatSamples.of(X, 2), y, 0, System.out)[0]).isCloseTo((row0 + row1) / 2, within(1e-5));
        }
    }

    @Test
    void meanSquaredErrorOnTargetsOfAnyShape() {
        try (Sequential model = new Sequential(2)) {
            model.add(new Dense(2, Activation.LINEAR, null, new long[] {3, 2}));
            model.layers().get(0).setWeights(List.of(new float[] {1, 2, 3, 4}, new float[] {10, 20}));
            model.compile("mse", "sgd");
            float[] x = {1, 0, 0, 1, 1, 1, 2, 0, 0, 2, -1, -1};
            // outputs (11, 22, 13, 24, 14, 26) and (12, 24, 16, 28, 6, 14)
            float[] y = {10, 20, 13, 25, 14, 26, 12, 20, 16, 28, 0, 14};
            Targets targets = Targets.of(y, 3, 2);
            double expected = ((1 + 4 + 0 + 1 + 0 + 0) + (0 + 16 + 0 + 0 + 36 + 0)) / 12.0;
            double[] result = model.evaluate(FloatSamples.of(x, 3, 2), targets, 0, System.out);
            assertThat(result).hasSize(1);
            assertThat(result[0]).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void namesResolveAsKerasAndUnknownNamesAreRefused() {
        assertThat(Loss.of("mse")).isEqualTo(new MeanSquaredError());
        assertThat(Loss.of("categorical_crossentropy")).isEqualTo(new CategoricalCrossentropy(false));
        assertThat(Loss.of("sparse_categorical_crossentropy").takesClassIndices()).isTrue();
        assertThat(Metric.of("accuracy", true, 10)).isInstanceOf(Accuracy.SparseCategorical.class);
        assertThat(Metric.of("acc", false, 10)).isInstanceOf(Accuracy.Categorical.class);
        assertThat(Metric.of("accuracy", false, 1)).isInstanceOf(Accuracy.Binary.class);
        assertThat(Metric.of("acc", true, 10).name()).isEqualTo("acc");
        assertThatThrownBy(() -> Loss.of("dice")).hasMessageContaining("loss: expected one of");
        assertThatThrownBy(() -> Metric.of("iou", true, 2)).hasMessageContaining("metrics: expected one of");
    }

    @Test
    void aMetricKeepsARunningMean() {
        MeanMetric metric = new Accuracy.SparseCategorical();
        assertThat(metric.result()).isZero();
        metric.update(3, 4);
        metric.update(1, 4);
        assertThat(metric.result()).isEqualTo(0.5);
        metric.reset();
        assertThat(metric.result()).isZero();
    }
}
