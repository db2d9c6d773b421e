package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import org.junit.jupiter.api.Test;

class PreprocessingLayersTest {
    // three samples of two features: feature 0 mean 2, variance 2/3; feature 1 mean 10, variance 0 (constant)
    private static final FloatSamples DATA = FloatSamples.of(new float[] {1, 10, 2, 10, 3, 10}, 2);

    @Test
    void normalizationAdaptsBeforeOrAfterBeingBuilt() {
        for (boolean before : new boolean[] {true, false}) {
            Normalization norm = new Normalization();
            if (before) {
                norm.adapt(DATA);
            }
            try (Sequential model = new Sequential(1)) {
                model.add(new Input(2));
                model.add(norm);
                if (!before) {
                    norm.adapt(DATA);
                }
                assertThat(norm.weightSpecs()).extracting(WeightSpec::name).containsExactly("mean", "variance", "count");
                assertThat(norm.trainableParamCount()).isZero();
                assertThat(norm.paramCount()).isEqualTo(5);
                assertThat(norm.getWeights().get(0)).containsExactly(2f, 10f);
                assertThat(norm.getWeights().get(1)[0]).isCloseTo(2f / 3, within(1e-7f));
                float[] out = model.predict(FloatSamples.of(new float[] {3, 11}, 2))[0];
                assertThat(out[0]).isCloseTo((float) (1 / Math.sqrt(2.0 / 3)), within(1e-6f));
                assertThat(out[1]).isCloseTo(1e7f, within(1f));   // a zero variance divides by Keras's epsilon 1e-7
            }
        }
    }

    @Test
    void normalizationStaysPutInTraining() {
        Normalization norm = new Normalization().adapt(DATA);
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2));
            model.add(norm);
            model.add(new Dense(2, "softmax"));
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            model.fit(DATA, new int[] {0, 1, 0}, FitOptions.defaults().epochs(2).verbose(0));
            assertThat(norm.getWeights().get(0)).containsExactly(2f, 10f);
        }
    }

    @Test
    void normalizationRefusesDataOfAnotherWidth() {
        Normalization norm = new Normalization();
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(3));
            model.add(norm);
            assertThatThrownBy(() -> norm.adapt(DATA)).hasMessageStartingWith("data: expected samples whose last dimension is 3");
        }
    }

    @Test
    void rescalingScalesThenOffsets() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2));
            model.add(new Rescaling(1 / 255.0, -1));
            float[] out = model.predict(FloatSamples.of(new float[] {255, 0}, 2))[0];
            assertThat(out[0]).isCloseTo(0f, within(1e-6f));
            assertThat(out[1]).isEqualTo(-1f);
        }
    }

    @Test
    void alphaDropoutIsTheIdentityAtInference() {
        float[] x = new float[200];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        try (Sequential model = new Sequential(3)) {
            model.add(new Input(200));
            model.add(new AlphaDropout(0.2));
            assertThat(model.predict(FloatSamples.of(x, 200))[0]).containsExactly(x);
        }
        assertThatThrownBy(() -> new AlphaDropout(1)).hasMessageStartingWith("rate: expected a value in [0, 1)");
    }
}
