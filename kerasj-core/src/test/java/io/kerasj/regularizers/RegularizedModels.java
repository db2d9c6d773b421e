package io.kerasj.regularizers;

import io.kerasj.constraints.MaxNorm;
import io.kerasj.constraints.MinMaxNorm;
import io.kerasj.constraints.NonNeg;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.models.Model;
import java.util.List;

/**
 * The model and data of the regularization parity tests, as {@code python-reference/regularization_parity.py}
 * builds them: Dense(4, tanh) with L2 kernel, L1 bias and L1 activity penalties, MaxNorm kernel and NonNeg bias;
 * then Dense(1) with an L1L2 kernel and L2 activity penalty and a MinMaxNorm kernel.
 */
final class RegularizedModels {
    static final float[] X = values(30, 0.37f);
    static final float[] Y = values(10, 1.3f);
    static final float[] X_VAL = values(15, 0.71f);
    static final float[] Y_VAL = values(5, 2.1f);
    /** Initial weights: hidden kernel [3, 4], hidden bias [4], head kernel [4, 1], head bias [1]. */
    static final List<float[]> WEIGHTS = List.of(values(12, 0.23f), new float[] {0.05f, -0.03f, 0.02f, 0.01f}, values(4, 0.59f),
            new float[] {0.1f});
    static final long[][] SHAPES = {{3, 4}, {4}, {4, 1}, {1}};

    private RegularizedModels() {
    }

    /** Deterministic values in about [-1, 1]. */
    static float[] values(int n, float phase) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(1.7 * i + phase);
        }
        return v;
    }

    static Model build() {
        Input input = new Input(3);
        KerasTensor hidden = new Dense(4, "tanh").name("hidden").kernelRegularizer(new L2(0.01)).biasRegularizer(new L1(0.02))
                .activityRegularizer(new L1(0.01)).kernelConstraint(new MaxNorm(0.8, 0)).biasConstraint(new NonNeg()).apply(input);
        KerasTensor head = new Dense(1).name("head").kernelRegularizer(new L1L2(0.01, 0.02)).activityRegularizer(new L2(0.05))
                .kernelConstraint(new MinMaxNorm(0.2, 0.9, 0.5, 0)).apply(hidden);
        Model model = new Model(input, head);
        model.setWeights(WEIGHTS);
        return model;
    }

    static FloatSamples x() {
        return FloatSamples.of(X, 3);
    }

    static Targets y() {
        return Targets.of(Y, 1);
    }
}
