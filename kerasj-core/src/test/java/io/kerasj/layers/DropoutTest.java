package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void isTheIdentityAtInference() {
        try (Sequential model = new Sequential(2)) {
            model.add(new Flatten(2));
            model.add(new Dropout(0.5));
            model.add(new Dense(2));
            model.layers().get(2).setWeights(List.of(new float[] {1, 0, 0, 1}, new float[] {0, 0}));
            assertThat(model.predict(FloatSamples.of(new float[] {3, 4}, 2))[0]).containsExactly(3, 4);
            assertThat(model.layers().get(1).name()).isEqualTo("dropout");
        }
    }

    @Test
    void refusesRatesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new Dropout(-0.1)).hasMessageContaining("rate");
    }

    @Test
    void dropsValuesWhileTraining() {
        float[] x = new float[64 * 4];
        int[] y = new int[64];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i * 4] > 0 ? 1 : 0;
        }
        FloatSamples samples = FloatSamples.of(x, 4);
        try (Sequential model = new Sequential(4)) {
            model.add(new Flatten(4));
            model.add(new Dense(32, "relu"));
            model.add(new Dropout(0.9));
            model.add(new Dense(2, "softmax"));
            model.compile(new io.kerasj.losses.SparseCategoricalCrossentropy(), new io.kerasj.optimizers.SGD(1e-12), "accuracy");
            double inference = model.evaluate(samples, y, 0, System.out)[0];
            double training = model.fit(samples, y, io.kerasj.models.FitOptions.defaults().epochs(1).verbose(0))
                    .history().get("loss").get(0);
            // the weights barely move (learning rate 1e-12): a different loss can only come from the dropped units
            assertThat(Math.abs(training - inference)).isGreaterThan(1e-3);
            assertThat(model.evaluate(samples, y, 0, System.out)[0]).isCloseTo(inference, org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
