package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    // four samples of two features: feature 0 has mean 2.5 and biased variance 1.25; feature 1 mean 0, variance 5
    private static final float[] X = {1, -3, 2, -1, 3, 1, 4, 3};
    private static final int[] Y = {0, 1, 0, 1};

    @Test
    void hasKerasDefaultsAndNonTrainableMovingStatistics() {
        BatchNormalization bn = new BatchNormalization();
        assertThat(bn.momentum()).isEqualTo(0.99f);
        assertThat(bn.epsilon()).isEqualTo(1e-3f);
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(2));
            model.add(bn);
            model.add(new Dense(2, "softmax"));
            assertThat(bn.weightSpecs()).extracting(WeightSpec::name).containsExactly("gamma", "beta", "moving_mean", "moving_variance");
            assertThat(bn.weightSpecs()).extracting(WeightSpec::trainable).containsExactly(true, true, false, false);
            assertThat(bn.getWeights()).containsExactly(new float[] {1, 1}, new float[] {0, 0}, new float[] {0, 0}, new float[] {1, 1});
            String summary = model.summaryText();
            assertThat(summary).contains("batch_normalization (BatchNo (None, 2)                 8");
            assertThat(summary).contains("Total params: 14\n", "Trainable params: 10\n", "Non-trainable params: 4\n");
        }
    }

    @Test
    void aPositiveAxisMustNameTheLastAxis() {
        BatchNormalization last = new BatchNormalization().axis(3); // Keras Applications' axis=3 on images
        assertThat(last.apply(new Input(4, 4, 2)).shape()).containsExactly(4, 4, 2);
        assertThat(last.axis()).isEqualTo(3);
        BatchNormalization channelsFirst = new BatchNormalization().axis(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> channelsFirst.apply(new Input(2, 4, 4)))
                .hasMessageContaining("axis=1 is not the last axis of an input of rank 4: KerasJ normalizes the last axis only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchNormalization().axis(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trainingMovesTheStatisticsByOneMinusMomentum() {
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(2));
            BatchNormalization bn = new BatchNormalization();
            model.add(bn);
            model.add(new Dense(2, "softmax"));
            model.compile(new SparseCategoricalCrossentropy(), new SGD(0.1), "accuracy");
            model.fit(FloatSamples.of(X, 2), Y, FitOptions.defaults().epochs(1).batchSize(4).verbose(0));
            List<float[]> w = bn.getWeights();
            assertThat(w.get(2)[0]).isCloseTo(0.01f * 2.5f, within(1e-6f));
            assertThat(w.get(2)[1]).isCloseTo(0f, within(1e-6f));
            assertThat(w.get(3)[0]).isCloseTo(0.99f + 0.01f * 1.25f, within(1e-6f));
            assertThat(w.get(3)[1]).isCloseTo(0.99f + 0.01f * 5f, within(1e-6f));
            assertThat(w.get(0)).isNotEqualTo(new float[] {1, 1}); // gamma is trained
            // a second step moves them again from there
            model.fit(FloatSamples.of(X, 2), Y, FitOptions.defaults().epochs(1).batchSize(4).verbose(0).shuffle(false));
            float[] mean = bn.getWeights().get(2);
            assertThat(mean[0]).isCloseTo(0.99f * 0.025f + 0.01f * 2.5f, within(1e-6f));
        }
    }

    @Test
    void inferenceUsesTheMovingStatistics() {
        try (Sequential model = new Sequential(4)) {
            model.add(new Flatten(2));
            BatchNormalization bn = new BatchNormalization();
            model.add(bn);
            bn.setWeights(List.of(new float[] {2, 0.5f}, new float[] {1, -1}, new float[] {3, -2}, new float[] {4, 0.25f}));
            float[][] y = model.predict(FloatSamples.of(new float[] {5, 0, 1, -2}, 2));
            // gamma * (x - moving_mean) / sqrt(moving_variance + 1e-3) + beta
            assertThat(y[0][0]).isCloseTo((float) (2 * (5 - 3) / Math.sqrt(4.001) + 1), within(1e-5f));
            assertThat(y[0][1]).isCloseTo((float) (0.5 * (0 + 2) / Math.sqrt(0.251) - 1), within(1e-5f));
            assertThat(y[1][0]).isCloseTo((float) (2 * (1 - 3) / Math.sqrt(4.001) + 1), within(1e-5f));
            assertThat(y[1][1]).isCloseTo(-1f, within(1e-6f));
        }
    }
}
