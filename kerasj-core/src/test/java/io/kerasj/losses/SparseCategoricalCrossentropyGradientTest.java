package io.kerasj.losses;

import io.kerasj.optimizers.SGD;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sparse loss's gradient (built from ops with native gradients) against a finite-difference estimate: one full-batch
 * SGD step with learning rate 1 moves each weight by minus its gradient.
 */
class SparseCategoricalCrossentropyGradientTest {

    @Test
    void oneSgdStepMatchesTheFiniteDifferenceGradient() {
        float[] x = {0.5f, -1f, 2f, 0.1f, 0.3f, 0.7f, -0.2f, 1.5f, 1f, 1f, -1f, 0f};
        int[] y = {0, 2, 1, 2};
        FloatSamples samples = FloatSamples.of(x, 3);
        try (Sequential model = new Sequential(21)) {
            model.add(new Flatten(3));
            model.add(new Dense(3, "softmax"));
            model.compile(new SparseCategoricalCrossentropy(), new SGD(1.0), "accuracy");
            List<float[]> before = model.getWeights();
            List<float[]> numeric = new ArrayList<>();
            double h = 1e-2;
            for (int w = 0; w < before.size(); w++) {
                float[] gradient = new float[before.get(w).length];
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] = (float) ((lossWith(model, before, w, i, h, samples, y) - lossWith(model, before, w, i, -h, samples, y)) / (2 * h));
                }
                numeric.add(gradient);
            }
            model.setWeights(before);
            model.fit(samples, y, FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0));
            List<float[]> after = model.getWeights();
            for (int w = 0; w < before.size(); w++) {
                for (int i = 0; i < numeric.get(w).length; i++) {
                    float analytic = before.get(w)[i] - after.get(w)[i];
                    assertThat(analytic).as("weight %d[%d]", w, i).isCloseTo(numeric.get(w)[i], org.assertj.core.data.Offset.offset(2e-3f));
                }
            }
            assertThat(numeric.get(0)).as("the gradient is not trivially zero").isNotEqualTo(new float[9]);
        }
    }

    private static double lossWith(Sequential model, List<float[]> weights, int w, int i, double delta, FloatSamples x, int[] y) {
        List<float[]> moved = new ArrayList<>();
        weights.forEach(a -> moved.add(a.clone()));
        moved.get(w)[i] += (float) delta;
        model.setWeights(moved);
        return model.evaluate(x, y, 0, System.out)[0];
    }
}
