package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Naming;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras 3's overridable {@code test_step}, run by evaluate and by fit's validation. */
class TestStepTest {
    private static final FloatSamples X = FunctionalModelTest.samples(50, 4, 3);
    private static final Targets Y = FunctionalModelTest.targets(X, 0);

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    /** Keras's default test step written out, with its loss scaled. */
    static final class ScaledTestStep extends Model {
        private final float scale;

        ScaledTestStep(KerasTensor input, KerasTensor output, float scale) {
            super(input, output);
            this.scale = scale;
        }

        @Override
        protected StepLogs testStep(TestStep step) {
            List<LayerOutput> yPred = step.call(step.x(), false);
            Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
            step.updateMetrics(step.y(), yPred);
            return StepLogs.of(step.tf().math.mul(loss, step.tf().constant(scale)));
        }
    }

    private static Model model(float scale) {
        Input input = new Input(4);
        Model model = new ScaledTestStep(input, new Dense(1).apply(new Dense(8, "relu").apply(input)), scale);
        model.seed(9);
        model.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"));
        return model;
    }

    @Test
    void evaluateAndValidationRunTheModelsOwnTestStep() {
        try (Model plain = model(1f); Model doubled = model(2f)) {
            Map<String, Double> a = plain.evaluateToMap(List.of(X), List.of(Y), 0, System.out);
            Map<String, Double> b = doubled.evaluateToMap(List.of(X), List.of(Y), 0, System.out);
            assertThat(b.get("loss")).isCloseTo(2 * a.get("loss"), within(1e-5));
            assertThat(b.get("mae")).isEqualTo(a.get("mae"));
            // the written-out default step gives the default's numbers
            Naming.clearSession();
            Input input = new Input(4);
            try (Model reference = new TrainStepTest.DefaultStep(input, new Dense(1).apply(new Dense(8, "relu").apply(input)))) {
                reference.seed(9);
                reference.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"));
                Map<String, Double> c = reference.evaluateToMap(List.of(X), List.of(Y), 0, System.out);
                assertThat(a.get("loss")).isCloseTo(c.get("loss"), within(1e-5));
                assertThat(a.get("mae")).isCloseTo(c.get("mae"), within(1e-6));
            }
            History h1 = plain.fit(X, Y, FitOptions.defaults().epochs(1).batchSize(10).shuffle(false).verbose(0).validation(ValidationData.of(List.of(X), List.of(Y))));
            History h2 = doubled.fit(X, Y, FitOptions.defaults().epochs(1).batchSize(10).shuffle(false).verbose(0).validation(ValidationData.of(List.of(X), List.of(Y))));
            assertThat(h2.history().get("loss")).isEqualTo(h1.history().get("loss")); // training is the default step's
            assertThat(h2.history().get("val_loss").get(0)).isCloseTo(2 * h1.history().get("val_loss").get(0), within(1e-5));
        }
    }
}
