package io.kerasj.losses;

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

/** mean_absolute_error and huber against values computed by hand, and loss names as Keras resolves them. */
class RegressionLossesTest {
    private static final FloatSamples X = FloatSamples.of(new float[] {1, 0, 0, 2}, 2);
    // linear outputs: row 0 = (1, 0, -1), row 1 = (0, 2, 0)
    private static final float[] TARGETS = {1.5f, 0, 1, 0, 0, 0.25f};

    private static double evaluate(Loss loss) {
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(3, Activation.LINEAR, null, new long[] {2}));
            model.layers().get(0).setWeights(List.of(new float[] {1, 0, -1, 0, 1, 0}, new float[] {0, 0, 0}));
            model.compile(loss, new SGD(), "mae", "mse");
            double[] result = model.evaluate(X, Targets.of(TARGETS, 3), 0, null);
            assertThat(result[1]).as("the mae metric").isCloseTo((0.5 + 0 + 2 + 0 + 2 + 0.25) / 6, within(1e-6));
            assertThat(result[2]).as("the mse metric").isCloseTo((0.25 + 0 + 4 + 0 + 4 + 0.0625) / 6, within(1e-6));
            return result[0];
        }
    }

    @Test
    void meanAbsoluteError() {
        // errors row 0 = (-0.5, 0, -2), row 1 = (0, 2, -0.25)
        assertThat(evaluate(new MeanAbsoluteError())).isCloseTo((0.5 + 0 + 2 + 0 + 2 + 0.25) / 6, within(1e-6));
    }

    @Test
    void huberIsQuadraticWithinDeltaAndLinearBeyond() {
        // delta 1: 0.125, 0, 2 - 0.5 | 0, 2 - 0.5, 0.03125
        assertThat(evaluate(new Huber())).isCloseTo((0.125 + 1.5 + 1.5 + 0.03125) / 6, within(1e-6));
        // delta 0.4: |e| 0.5 and 2 beyond (0.4 |e| - 0.08), 0.25 within (0.03125)
        assertThat(evaluate(new Huber(0.4))).isCloseTo((0.12 + 0.72 + 0.72 + 0.03125) / 6, within(1e-6));
        assertThatThrownBy(() -> new Huber(-1)).hasMessage("delta: expected a finite number >= 0, found -1.0");
    }

    @Test
    void namesResolveAsKeras() {
        assertThat(Loss.of("binary_crossentropy")).isEqualTo(new BinaryCrossentropy());
        assertThat(Loss.of("bce")).isEqualTo(new BinaryCrossentropy());
        assertThat(Loss.of("BinaryCrossentropy")).isEqualTo(new BinaryCrossentropy());
        assertThat(Loss.of("mean_absolute_error")).isEqualTo(new MeanAbsoluteError());
        assertThat(Loss.of("MAE")).isEqualTo(new MeanAbsoluteError());
        assertThat(Loss.of("huber")).isEqualTo(new Huber(1.0));
        assertThat(Loss.of("Huber")).isEqualTo(new Huber(1.0));
        assertThat(Loss.of("MeanSquaredError")).isEqualTo(new MeanSquaredError());
        assertThat(Loss.of("SparseCategoricalCrossentropy")).isEqualTo(new SparseCategoricalCrossentropy());
        assertThatThrownBy(() -> Loss.of("huber_loss")).hasMessage("loss: expected one of sparse_categorical_crossentropy, "
                + "categorical_crossentropy, binary_crossentropy (bce), mean_squared_error (mse), mean_absolute_error (mae), huber, "
                + "log_cosh, hinge, squared_hinge, categorical_hinge, kl_divergence (kld), poisson, mean_squared_logarithmic_error (msle), "
                + "mean_absolute_percentage_error (mape), cosine_similarity, found 'huber_loss'");
        assertThatThrownBy(() -> Loss.of(null)).hasMessageEndingWith("found 'null'");
    }
}
