package io.kerasj.losses;

import io.kerasj.metrics.Accuracy;
import io.kerasj.optimizers.SGD;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Samples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** binary_crossentropy against values computed by hand in double precision. */
class BinaryCrossentropyTest {
    private static final FloatSamples X = FloatSamples.of(new float[] {1, 0, 0, 2}, 2);
    // kernel [[1, 0, -1], [0, 1, 0]]: pre-activations row 0 = (1, 0, -1), row 1 = (0, 2, 0)
    private static final double[][] LOGITS = {{1, 0, -1}, {0, 2, 0}};
    private static final float[] TARGETS = {1, 0, 1, 0, 1, 1};

    private static Sequential threeUnits(String activation) {
        Sequential model = new Sequential(1);
        model.add(new Dense(3, Activation.of(activation), null, new long[] {2}));
        model.layers().get(0).setWeights(List.of(new float[] {1, 0, -1, 0, 1, 0}, new float[] {0, 0, 0}));
        return model;
    }

    private static double evaluate(String activation, Loss loss, float[] targets) {
        try (Sequential model = threeUnits(activation)) {
            model.compile(loss, new SGD());
            return model.evaluate(X, Targets.of(targets, 3), 0, null)[0];
        }
    }

    /** {@code log(1 + e^x) - x z}, averaged over the 6 elements. */
    private static double fromLogits(double smoothing) {
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double x = LOGITS[r][c];
                double z = TARGETS[3 * r + c] * (1 - smoothing) + 0.5 * smoothing;
                sum += Math.log1p(Math.exp(x)) - x * z;
            }
        }
        return sum / 6;
    }

    @Test
    void aSigmoidOutputIsTakenFromItsLogits() {
        assertThat(evaluate("sigmoid", new BinaryCrossentropy(), TARGETS)).isCloseTo(fromLogits(0), within(1e-6));
        assertThat(evaluate("linear", new BinaryCrossentropy(true), TARGETS)).isCloseTo(fromLogits(0), within(1e-6));
    }

    @Test
    void integerTargetsOfRankTwoGiveTheFloatTargetsLoss_inEvaluateAndFit() {
        int[] ints = {1, 0, 1, 0, 1, 1};
        try (Sequential model = threeUnits("sigmoid")) {
            model.compile(new BinaryCrossentropy(), new SGD());
            assertThat(model.evaluate(X, Targets.of(ints, 3), 0, null)[0]).isCloseTo(fromLogits(0), within(1e-6));
            Dataset data = Dataset.of(Samples.ofFloats(new float[] {1, 0, 0, 2}, 2, 2), Targets.of(ints, 3));
            assertThat(model.evaluate(data, 0, null)[0]).isCloseTo(fromLogits(0), within(1e-6));
            double first = model.fit(data, FitOptions.defaults().epochs(2).batchSize(2).verbose(0)).history().get("loss").get(0);
            assertThat(first).isCloseTo(fromLogits(0), within(1e-6));
            assertThat(model.evaluate(data, 0, null)[0]).isLessThan(fromLogits(0));
        }
    }

    @Test
    void aSoftmaxOutputGivesItsLogitsToo_asKeras3Does() {
        // Keras 3 caches _keras_logits on softmax outputs as well, and binary_crossentropy takes them as sigmoid logits
        assertThat(evaluate("softmax", new BinaryCrossentropy(), TARGETS)).isCloseTo(fromLogits(0), within(1e-6));
    }

    @Test
    void probabilitiesAreClippedAsKeras() {
        // relu outputs row 0 = (1, 0, 0), row 1 = (0, 2, 0), clipped to [1e-7, 1 - 1e-7]
        double lo = 1e-7;
        double hi = 1 - 1e-7;
        double[] p = {hi, lo, lo, lo, hi, lo};
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            sum -= TARGETS[i] * Math.log(p[i]) + (1 - TARGETS[i]) * Math.log(1 - p[i]);
        }
        assertThat(evaluate("relu", new BinaryCrossentropy(), TARGETS)).isCloseTo(sum / 6, within(1e-4));
    }

    @Test
    void labelSmoothingPullsTheTargetsToOneHalf() {
        assertThat(evaluate("sigmoid", new BinaryCrossentropy(false, 0.2), TARGETS)).isCloseTo(fromLogits(0.2), within(1e-6));
        assertThat(new BinaryCrossentropy().labelSmoothing()).isZero();
        assertThatThrownBy(() -> new BinaryCrossentropy(false, 1.5)).hasMessage("label_smoothing: expected a value in [0, 1], found 1.5");
    }

    @Test
    void oneUnitTakesIntegerLabelsAndResolvesAccuracyToBinary() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(1, Activation.SIGMOID, null, new long[] {2}));
            model.layers().get(0).setWeights(List.of(new float[] {1, -1}, new float[] {0}));
            model.compile("binary_crossentropy", "adam", "accuracy");
            assertThat(model.compileConfig().metrics().get(0)).isInstanceOf(Accuracy.Binary.class);
            // logits: row 0 = 1, row 1 = -2; labels 1 and 1: the first is right (p > 0.5), the second wrong
            double[] result = model.evaluate(X, Targets.classes(new int[] {1, 1}), 0, null);
            double expected = ((Math.log1p(Math.exp(1)) - 1) + (Math.log1p(Math.exp(-2)) + 2)) / 2;
            assertThat(result[0]).isCloseTo(expected, within(1e-6));
            assertThat(result[1]).isEqualTo(0.5);
        }
    }

    @Test
    void manyUnitsResolveAccuracyToCategorical_asKeras3Does() {
        try (Sequential model = threeUnits("sigmoid")) {
            model.compile("bce", "sgd", "accuracy", "binary_accuracy");
            assertThat(model.compileConfig().metrics().get(0)).isInstanceOf(Accuracy.Categorical.class);
            double[] result = model.evaluate(X, Targets.of(TARGETS, 3), 0, null);
            // argmax: row 0 predicts 0 (target argmax 0), row 1 predicts 1 (target argmax 1)
            assertThat(result[1]).isEqualTo(1.0);
            // p > 0.5: row 0 (1, 0, 0) vs (1, 0, 1); row 1 (0, 1, 0) vs (0, 1, 1): 4 of 6
            assertThat(result[2]).isCloseTo(4 / 6.0, within(1e-7));
        }
    }
}
