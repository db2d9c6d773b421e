package io.kerasj.losses;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.kerasj.testing.CustomObjectsFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loss functions (Keras's LossFunctionWrapper) and loss classes in compile, by instance and by registered name. */
class LossFunctionTest {
    /** 50 samples in batches of 16: the last batch is smaller, where a per-batch scalar must weigh by batch size. */
    private static final FitOptions FIT = FitOptions.defaults().epochs(3).batchSize(16).verbose(0);

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
        CustomObjectsFixture.register();
    }

    private static History fit(Object loss, Object... metrics) {
        Naming.clearSession();
        FloatSamples x = CustomObjectsFixture.samples(50, 3, 1);
        FloatSamples vx = CustomObjectsFixture.samples(20, 3, 2);
        Input input = new Input(3);
        try (Model model = new Model(input, new Dense(1).apply(new Dense(4, "relu").apply(input))).seed(11)) {
            CompileOptions options = CompileOptions.defaults().optimizer("sgd").metrics(metrics);
            if (loss instanceof String name) {
                options.loss(name);
            } else if (loss instanceof LossFunction function) {
                options.loss(function);
            } else {
                options.loss((Loss) loss);
            }
            model.compile(options);
            return model.fit(x, CustomObjectsFixture.targets(x), FIT.validation(new ValidationData(vx, CustomObjectsFixture.targets(vx))));
        }
    }

    private static void assertSameHistory(History a, History b, String... keys) {
        for (String key : keys) {
            List<Double> expected = b.history().get(key);
            assertThat(a.history().get(key)).as(key).hasSize(expected.size());
            for (int e = 0; e < expected.size(); e++) {
                assertThat(a.history().get(key).get(e)).as(key + " epoch " + e).isCloseTo(expected.get(e), within(1e-5 * (1 + expected.get(e))));
            }
        }
    }

    @Test
    void theCoursesCustomizedMseGivesTheHistoryOfMse() {
        History custom = fit(CustomObjectsFixture.CUSTOMIZED_MSE);
        History builtIn = fit("mse");
        assertThat(custom.history().keySet()).containsExactly("loss", "val_loss");
        assertSameHistory(custom, builtIn, "loss", "val_loss");
    }

    @Test
    void aRegisteredLossFunctionByNameAndAPerSampleFunctionGiveTheSameHistory() {
        LossFunction perSample = (tf, t, p) -> tf.math.mean(tf.math.square(tf.math.sub(p, t)), tf.constant(-1));
        History builtIn = fit("mse");
        assertSameHistory(fit("kj>customized_mse"), builtIn, "loss", "val_loss");
        assertSameHistory(fit(perSample), builtIn, "loss", "val_loss");
        assertThat(Loss.of("kj>customized_mse")).isInstanceOf(LossFunctionWrapper.class);
        assertThat(Loss.of("kj>customized_mse").name()).isEqualTo("customized_mse");
    }

    @Test
    void aLossClassWithAConfigTrainsAsItsMathAndRebuildsFromItsConfig() {
        FloatSamples x = CustomObjectsFixture.samples(20, 3, 5);
        Input input = new Input(3);
        try (Model model = new Model(input, new Dense(1).apply(input)).seed(2)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss(new CustomObjectsFixture.ScaledMse(3.0)));
            double scaled = model.evaluateToMap(x, CustomObjectsFixture.targets(x), 0, System.out).get("loss");
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            assertThat(scaled).isCloseTo(3 * model.evaluateToMap(x, CustomObjectsFixture.targets(x), 0, System.out).get("loss"), within(1e-5));
            model.compile(CompileOptions.defaults().optimizer("sgd").loss(new CustomObjectsFixture.ScaledMse(3.0)));
            History history = model.fit(x, CustomObjectsFixture.targets(x), FIT);
            assertThat(history.history().get("loss").get(2)).isLessThan(history.history().get("loss").get(0));
            assertThat(history.history().get("loss")).hasSize(3);
        }
        CustomObjectsFixture.ScaledMse loss = new CustomObjectsFixture.ScaledMse(2.5);
        Map<String, Object> config = loss.getConfig();
        assertThat(config).containsEntry("name", "scaled_mse").containsEntry("reduction", "sum_over_batch_size").containsEntry("factor", 2.5);
        Loss rebuilt = (Loss) io.kerasj.saving.ObjectRegistration.getRegisteredObject("kj>ScaledMse").orElseThrow()
                .fromConfig().apply(io.kerasj.saving.Config.of(config));
        assertThat(((CustomObjectsFixture.ScaledMse) rebuilt).factor()).isEqualTo(2.5);
        assertThat(((CustomObjectsFixture.ScaledMse) Loss.of("kj>ScaledMse")).factor()).isEqualTo(1.0);
    }

    @Test
    void classIndexOrRankOneTargetsMeetTheOutputsRank() {
        FloatSamples x = CustomObjectsFixture.samples(8, 3, 3);
        float[] y = new float[8];
        Input input = new Input(3);
        try (Model model = new Model(input, new Dense(1).apply(input)).seed(1)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss(CustomObjectsFixture.CUSTOMIZED_MSE));
            double custom = model.evaluateToMap(x, Targets.of(y), 0, System.out).get("loss");
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            assertThat(custom).isCloseTo(model.evaluateToMap(x, Targets.of(y), 0, System.out).get("loss"), within(1e-6));
        }
    }
}
