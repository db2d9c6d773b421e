package io.kerasj.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.Naming;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.ValidationData;
import io.kerasj.optimizers.SGD;
import io.kerasj.testing.CustomObjectsFixture;
import io.kerasj.testing.CustomObjectsFixture.AboveThreshold;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user's stateful metric (Keras's Metric subclass) and a mean of a user's function, in fit, evaluate and History. */
class StatefulMetricTest {
    private static final double THRESHOLD = 0.2;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
        CustomObjectsFixture.register();
    }

    private static Model model() {
        Input input = new Input(3);
        return new Model(input, new Dense(2).apply(new Dense(4, "tanh").apply(input))).seed(6);
    }

    private static long above(float[][] predictions) {
        long n = 0;
        for (float[] row : predictions) {
            for (float v : row) {
                n += v > THRESHOLD ? 1 : 0;
            }
        }
        return n;
    }

    private static Targets targets(FloatSamples x) {
        float[] y = new float[x.count() * 2];
        for (int i = 0; i < x.count(); i++) {
            y[2 * i] = x.sample(i)[0];
            y[2 * i + 1] = -x.sample(i)[1];
        }
        return Targets.of(y, 2);
    }

    @Test
    void aCountingMetricEqualsTheCountByHandOverEveryBatchOfAnEvaluationAndResetsBetween() {
        FloatSamples x = CustomObjectsFixture.samples(70, 3, 1);
        try (Model model = model()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse").metrics(new AboveThreshold(THRESHOLD)));
            long byHand = above(model.predict(x));
            assertThat(byHand).isBetween(10L, 130L);
            Map<String, Double> first = model.evaluateToMap(x, targets(x), 0, System.out);
            assertThat(first.get("above_threshold")).isEqualTo((double) byHand);
            assertThat(model.evaluateToMap(x, targets(x), 0, System.out).get("above_threshold")).isEqualTo((double) byHand);
        }
    }

    @Test
    void inFitTheTrainingAndValidationValuesAreTheCountsOfTheirEpochs() {
        FloatSamples x = CustomObjectsFixture.samples(50, 3, 2);
        FloatSamples vx = CustomObjectsFixture.samples(30, 3, 3);
        try (Model model = model()) {
            // a learning rate of 1e-30 (0 is refused) leaves float32 weights as they are, so every epoch's training
            // count is the count over x by hand
            model.compile(CompileOptions.defaults().optimizer(new SGD(1e-30)).loss("mse")
                    .metrics(new AboveThreshold(THRESHOLD), CustomObjectsFixture.ABS_ERR, "mae"));
            History h = model.fit(x, targets(x), FitOptions.defaults().epochs(2).batchSize(16).verbose(0)
                    .validation(new ValidationData(vx, targets(vx))));
            assertThat(h.history().keySet()).containsExactly("loss", "above_threshold", "abs_err", "mae",
                    "val_loss", "val_above_threshold", "val_abs_err", "val_mae");
            assertThat(h.history().get("above_threshold")).containsExactly((double) above(model.predict(x)), (double) above(model.predict(x)));
            assertThat(h.history().get("val_above_threshold").get(1)).isEqualTo((double) above(model.predict(vx)));
            for (int e = 0; e < 2; e++) {
                assertThat(h.history().get("abs_err").get(e)).isCloseTo(h.history().get("mae").get(e), within(1e-6));
                assertThat(h.history().get("val_abs_err").get(e)).isCloseTo(h.history().get("val_mae").get(e), within(1e-6));
            }
        }
    }

    @Test
    void aMeanMetricWrapperAveragesItsFunctionAsMaeDoesWhileTraining() {
        FloatSamples x = CustomObjectsFixture.samples(40, 3, 4);
        try (Model model = model()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse")
                    .metrics(new MeanMetricWrapper(CustomObjectsFixture.ABS_ERR, "abs_err_mean"), "mae"));
            History h = model.fit(x, targets(x), FitOptions.defaults().epochs(3).batchSize(8).verbose(0));
            for (int e = 0; e < 3; e++) {
                assertThat(h.history().get("abs_err_mean").get(e)).isCloseTo(h.history().get("mae").get(e), within(1e-6));
            }
        }
    }

    @Test
    void byRegisteredNameAndItsVariables() {
        Metric byName = Metric.of("kj>AboveThreshold", false, 2);
        assertThat(byName).isInstanceOf(AboveThreshold.class);
        assertThat(((AboveThreshold) byName).threshold()).isEqualTo(0.5);
        assertThat(byName.identifier()).isEqualTo("kj>AboveThreshold");
        assertThat(Metric.of("kj>abs_err", false, 2).name()).isEqualTo("abs_err");
        AboveThreshold metric = new AboveThreshold(1);
        assertThat(metric.variables()).hasSize(1);
        assertThat(metric.variables().get(0).name()).isEqualTo("count");
        assertThat(metric.getConfig()).containsEntry("name", "above_threshold").containsEntry("dtype", "float32")
                .containsEntry("threshold", 1.0);
        metric.update(new double[] {3}, 10);
        metric.update(new double[] {2}, 10);
        assertThat(metric.result()).isEqualTo(5);
        metric.reset();
        assertThat(metric.result()).isZero();
        assertThatThrownBy(() -> metric.variables().get(0).assignAdd(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside updateState");
        assertThatThrownBy(() -> metric.update(new double[] {1, 2}, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
