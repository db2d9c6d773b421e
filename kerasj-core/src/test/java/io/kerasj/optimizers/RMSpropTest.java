package io.kerasj.optimizers;

import io.kerasj.losses.MeanSquaredError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RMSprop's update against Keras 3's formula, computed by hand in double precision. */
class RMSpropTest {

    @Test
    void hasKeras3Defaults() {
        RMSprop rmsprop = new RMSprop();
        assertThat(rmsprop.learningRate()).isEqualTo(0.001);
        assertThat(rmsprop.rho()).isEqualTo(0.9);
        assertThat(rmsprop.momentum()).isZero();
        assertThat(rmsprop.epsilon()).isEqualTo(1e-7);
        assertThat(rmsprop.centered()).isFalse();
        assertThat(Optimizer.of("rmsprop")).isEqualTo(rmsprop);
    }

    @Test
    void threeStepsMatchTheFormula() {
        check(new RMSprop(0.01));
    }

    @Test
    void centeredWithMomentumMatchesTheFormula() {
        check(new RMSprop(0.01, 0.8, 0.5, 1e-7, true));
    }

    /** y = w x + b on one sample (x = 2, target 3), MSE: dL/dw = -2 x (t - y), dL/db = -2 (t - y). */
    private static void check(RMSprop optimizer) {
        double[] w = {0.5, 0.0};
        double[] velocity = new double[2];
        double[] momentum = new double[2];
        double[] average = new double[2];
        double x = 2;
        double t = 3;
        int steps = 3;
        for (int s = 0; s < steps; s++) {
            double error = t - (w[0] * x + w[1]);
            double[] g = {-2 * x * error, -2 * error};
            for (int i = 0; i < 2; i++) {
                velocity[i] = optimizer.rho() * velocity[i] + (1 - optimizer.rho()) * g[i] * g[i];
                double denominator = velocity[i] + optimizer.epsilon();
                if (optimizer.centered()) {
                    average[i] = optimizer.rho() * average[i] + (1 - optimizer.rho()) * g[i];
                    denominator = velocity[i] - average[i] * average[i] + optimizer.epsilon();
                }
                double increment = optimizer.learningRate() * g[i] / Math.sqrt(denominator);
                if (optimizer.momentum() > 0) {
                    momentum[i] = optimizer.momentum() * momentum[i] + increment;
                    w[i] -= momentum[i];
                } else {
                    w[i] -= increment;
                }
            }
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(1, Activation.LINEAR, null, new long[] {1}));
            model.layers().get(0).setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            model.compile(new MeanSquaredError(), optimizer);
            model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1),
                    FitOptions.defaults().epochs(steps).batchSize(1).verbose(0));
            List<float[]> weights = model.getWeights();
            assertThat((double) weights.get(0)[0]).isCloseTo(w[0], within(1e-5));
            assertThat((double) weights.get(1)[0]).isCloseTo(w[1], within(1e-5));
            assertThat(weights.get(0)[0]).isNotEqualTo(0.5f);
        }
    }
}
