package io.kerasj.optimizers;

import io.kerasj.losses.MeanSquaredError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * AdamW, Adagrad and Nadam against Keras 3's update rules written out by hand in double precision, on
 * {@code y = w x + b} with one sample (x = 2, target 3) and MSE, so {@code dL/dw = -2 x (t - y)}, {@code dL/db = -2 (t - y)}.
 */
class OptimizersTest {
    private static final int STEPS = 4;

    @Test
    void haveKeras3DefaultsAndNames() {
        assertThat(new AdamW()).isEqualTo(new AdamW(0.001, 0.004, 0.9, 0.999, 1e-7));
        assertThat(new Adagrad()).isEqualTo(new Adagrad(0.001, 0.1, 1e-7));
        assertThat(new Nadam()).isEqualTo(new Nadam(0.001, 0.9, 0.999, 1e-7));
        assertThat(Optimizer.of("adamw")).isEqualTo(new AdamW());
        assertThat(Optimizer.of("AdamW")).isEqualTo(new AdamW());
        assertThat(Optimizer.of("adagrad")).isEqualTo(new Adagrad());
        assertThat(Optimizer.of("nadam")).isEqualTo(new Nadam());
        assertThat(Optimizer.of("SGD")).isEqualTo(new SGD());
        assertThat(List.of(new AdamW().name(), new Adagrad().name(), new Nadam().name())).containsExactly("AdamW", "Adagrad", "Nadam");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Optimizer.of("adadelta")).hasMessage(
                "optimizer: expected one of sgd, adam, adamw, rmsprop, adagrad, nadam, found 'adadelta'");
        assertThatThrownBy(() -> new AdamW(0.001, -1)).hasMessage("weight_decay: expected a finite number >= 0, found -1.0");
        assertThatThrownBy(() -> new AdamW(0)).hasMessage("learning_rate: expected a positive number, found 0.0");
        assertThatThrownBy(() -> new Adagrad(0.1, -0.1, 1e-7)).hasMessage("initial_accumulator_value: expected a finite number >= 0, found -0.1");
        assertThatThrownBy(() -> new Adagrad(Double.NaN)).hasMessage("learning_rate: expected a positive number, found NaN");
        assertThatThrownBy(() -> new Nadam(0.01, 1, 0.999, 1e-7)).hasMessageStartingWith("beta_1, beta_2: expected values in [0, 1)");
    }

    @Test
    void adamWDecaysTheWeightsThenTakesAnAdamStep() {
        AdamW o = new AdamW(0.1, 0.3);
        double[] m = new double[2];
        double[] v = new double[2];
        check(o, (w, step) -> {
            double[] g = gradients(w);
            for (int i = 0; i < 2; i++) {
                w[i] -= w[i] * o.weightDecay() * o.learningRate();
                m[i] += (g[i] - m[i]) * (1 - o.beta1());
                v[i] += (g[i] * g[i] - v[i]) * (1 - o.beta2());
                double alpha = o.learningRate() * Math.sqrt(1 - Math.pow(o.beta2(), step)) / (1 - Math.pow(o.beta1(), step));
                w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + o.epsilon());
            }
            return w;
        });
    }

    @Test
    void adagradAccumulatesFromItsInitialValue() {
        Adagrad o = new Adagrad(0.1);
        double[] a = {o.initialAccumulatorValue(), o.initialAccumulatorValue()};
        check(o, (w, step) -> {
            double[] g = gradients(w);
            for (int i = 0; i < 2; i++) {
                a[i] += g[i] * g[i];
                w[i] -= o.learningRate() * g[i] / Math.sqrt(a[i] + o.epsilon());
            }
            return w;
        });
    }

    @Test
    void nadamFollowsTheMomentumCacheSchedule() {
        Nadam o = new Nadam(0.05);
        double[] m = new double[2];
        double[] v = new double[2];
        double[] product = {1};
        check(o, (w, step) -> {
            double[] g = gradients(w);
            double u = o.beta1() * (1 - 0.5 * Math.pow(0.96, step));
            double uNext = o.beta1() * (1 - 0.5 * Math.pow(0.96, step + 1));
            product[0] *= u;
            for (int i = 0; i < 2; i++) {
                m[i] += (g[i] - m[i]) * (1 - o.beta1());
                v[i] += (g[i] * g[i] - v[i]) * (1 - o.beta2());
                double mHat = uNext * m[i] / (1 - product[0] * uNext) + (1 - u) * g[i] / (1 - product[0]);
                double vHat = v[i] / (1 - Math.pow(o.beta2(), step));
                w[i] -= o.learningRate() * mHat / (Math.sqrt(vHat) + o.epsilon());
            }
            return w;
        });
    }

    @Test
    void aModelRecompiledWithANewOptimizerStartsAfresh() {
        // Adagrad's accumulators restart at initial_accumulator_value, not at 0 and not where the last fit left them
        try (Sequential model = line()) {
            model.compile(new MeanSquaredError(), new Adagrad(0.1));
            fitOneStep(model);
            model.compile(new MeanSquaredError(), new Adagrad(0.1));
            model.setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            fitOneStep(model);
            double g = gradients(new double[] {0.5, 0})[0];
            double expected = 0.5 - 0.1 * g / Math.sqrt(0.1 + g * g + 1e-7);
            assertThat((double) model.getWeights().get(0)[0]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void aModelRecompiledWithTheSameOptimizerContinuesFromItsState() {
        // Keras 3: the state is the optimizer instance's, so the accumulator keeps the first step's squared gradient
        Adagrad o = new Adagrad(0.1);
        try (Sequential model = line()) {
            model.compile(new MeanSquaredError(), o);
            fitOneStep(model);
            model.compile(new MeanSquaredError(), o);
            model.setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            fitOneStep(model);
            double g = gradients(new double[] {0.5, 0})[0]; // both steps start from the same weights
            double expected = 0.5 - 0.1 * g / Math.sqrt(0.1 + 2 * g * g + 1e-7);
            assertThat((double) model.getWeights().get(0)[0]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void nadamsScalarProductSlotTravelsWithTheOptimizerState() {
        // 4 steps straight, against 2 steps, the state (m, v, the momentum-cache product per weight, step count)
        // moved into a fresh model, then 2 more
        List<float[]> straight;
        try (Sequential model = line()) {
            model.compile(new MeanSquaredError(), new Nadam(0.05));
            for (int i = 0; i < 4; i++) {
                fitOneStep(model);
            }
            straight = model.getWeights();
        }
        List<float[]> weights;
        List<float[]> state;
        try (Sequential model = line()) {
            model.compile(new MeanSquaredError(), new Nadam(0.05));
            fitOneStep(model);
            fitOneStep(model);
            weights = model.getWeights();
            state = model.getOptimizerState();
        }
        assertThat(state).hasSize(2 * 3 + 1);
        assertThat(state.get(2)).as("the product after 2 steps").hasSize(1);
        double product = 0.9 * (1 - 0.5 * 0.96) * 0.9 * (1 - 0.5 * Math.pow(0.96, 2));
        assertThat((double) state.get(2)[0]).isCloseTo(product, within(1e-7));
        try (Sequential model = line()) {
            model.compile(new MeanSquaredError(), new Nadam(0.05));
            model.setWeights(weights);
            model.setOptimizerState(state);
            fitOneStep(model);
            fitOneStep(model);
            assertThat(model.getWeights().get(0)).containsExactly(straight.get(0));
            assertThat(model.getWeights().get(1)).containsExactly(straight.get(1));
        }
    }

    private static double[] gradients(double[] w) {
        double error = 3 - (w[0] * 2 + w[1]);
        return new double[] {-2 * 2 * error, -2 * error};
    }

    /** Runs STEPS steps by hand ({@code rule(w, 1-based step)} updates w) and through a model; compares. */
    private static void check(Optimizer optimizer, BiFunction<double[], Integer, double[]> rule) {
        double[] w = {0.5, 0.0};
        for (int step = 1; step <= STEPS; step++) {
            w = rule.apply(w, step);
        }
        try (Sequential model = line()) {
            model.compile(new MeanSquaredError(), optimizer);
            model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1),
                    FitOptions.defaults().epochs(STEPS).batchSize(1).verbose(0));
            List<float[]> weights = model.getWeights();
            assertThat((double) weights.get(0)[0]).isCloseTo(w[0], within(1e-5));
            assertThat((double) weights.get(1)[0]).isCloseTo(w[1], within(1e-5));
            assertThat(Math.abs(w[0] - 0.5)).as("the steps move the weight").isGreaterThan(1e-3);
        }
    }

    private static Sequential line() {
        Sequential model = new Sequential(1);
        model.add(new Dense(1, Activation.LINEAR, null, new long[] {1}));
        model.layers().get(0).setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
        return model;
    }

    private static void fitOneStep(Sequential model) {
        model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1), FitOptions.defaults().epochs(1).batchSize(1).verbose(0));
    }
}
