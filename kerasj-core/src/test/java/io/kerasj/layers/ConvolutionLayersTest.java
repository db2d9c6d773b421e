package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import org.junit.jupiter.api.Test;

class ConvolutionLayersTest {

    private static long[] shapeAfter(Layer layer, long... input) {
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(input));
            model.add(layer);
            return model.outputShape();
        }
    }

    @Test
    void outputShapesFollowKerassPaddingRules() {
        assertThat(shapeAfter(new Conv2D(8, 3), 28, 28, 1)).containsExactly(26, 26, 8);
        assertThat(shapeAfter(new Conv2D(8, 3).padding("same"), 28, 28, 1)).containsExactly(28, 28, 8);
        assertThat(shapeAfter(new Conv2D(4, 3, 2).strides(2).padding("same"), 7, 6, 3)).containsExactly(4, 3, 4);
        assertThat(shapeAfter(new Conv2D(2, 2).dilationRate(2), 6, 6, 2)).containsExactly(4, 4, 2);
        assertThat(shapeAfter(new MaxPooling2D(), 7, 7, 3)).containsExactly(3, 3, 3);
        assertThat(shapeAfter(new MaxPooling2D(new int[] {3}, new int[] {2}, "same"), 7, 6, 2)).containsExactly(4, 3, 2);
        assertThat(shapeAfter(new AveragePooling2D(2), 5, 6, 2)).containsExactly(2, 3, 2);
        assertThat(shapeAfter(new GlobalAveragePooling2D(), 4, 5, 3)).containsExactly(3);
        assertThat(shapeAfter(new GlobalMaxPooling2D(), 4, 5, 3)).containsExactly(3);
        assertThat(shapeAfter(new Reshape(2, -1), 3, 4)).containsExactly(2, 6);
    }

    @Test
    void conv2dWeightsAreKerassAndCountMultiplyAdds() {
        Conv2D conv = new Conv2D(32, 3).padding("same").activation("relu");
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(28, 28, 1));
            model.add(conv);
            assertThat(conv.weightSpecs()).extracting(WeightSpec::name).containsExactly("kernel", "bias");
            assertThat(conv.weightSpecs().get(0).shape()).containsExactly(3, 3, 1, 32);
            assertThat(conv.paramCount()).isEqualTo(320);
            assertThat(conv.multiplyAdds()).isEqualTo(28L * 28 * 3 * 3 * 32);
            assertThat(conv.getWeights().get(1)).containsOnly(0f);
            assertThat(model.summaryText()).contains("conv2d (Conv2D)              (None, 28, 28, 32)        320");
        }
        assertThat(shapeAfter(new Conv2D(3, 2).useBias(false), 4, 4, 1)).containsExactly(3, 3, 3);
    }

    @Test
    void maxPoolingIsTheMaxPoolOpAndPoolsTheMaximum() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2, 2, 1));
            model.add(new MaxPooling2D(2));
            assertThat(model.predict(FloatSamples.of(new float[] {1, 4, -2, 3}, 2, 2, 1))[0]).containsExactly(4f);
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2, 2, 1));
            model.add(new AveragePooling2D(2));
            assertThat(model.predict(FloatSamples.of(new float[] {1, 4, -2, 3}, 2, 2, 1))[0][0]).isCloseTo(1.5f, within(1e-7f));
        }
    }

    @Test
    void aSmallCnnTrainsOnFourDimensionalInput() {
        float[] x = new float[64 * 6 * 6];
        int[] y = new int[64];
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 64; i++) {
            y[i] = i % 2;   // class 1: a bright left half
            for (int p = 0; p < 36; p++) {
                x[i * 36 + p] = (float) (random.nextDouble() * 0.2 + (y[i] == 1 && p % 6 < 3 ? 0.8 : 0));
            }
        }
        try (Sequential model = new Sequential(2)) {
            model.add(new Input(6, 6, 1));
            model.add(new Conv2D(4, 3).padding("same").activation("relu"));
            model.add(new MaxPooling2D(2));
            model.add(new Flatten());
            model.add(new Dense(2, "softmax"));
            model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            FloatSamples samples = FloatSamples.of(x, 6, 6, 1);
            model.fit(samples, y, FitOptions.defaults().epochs(20).batchSize(16).verbose(0));
            assertThat(model.evaluate(samples, y, 0, null)[1]).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> new Conv2D(0, 3)).hasMessageStartingWith("filters: expected a positive number");
        assertThatThrownBy(() -> new Conv2D(2, 3, 3, 3)).hasMessageStartingWith("kernel_size: expected one or two positive ints");
        assertThatThrownBy(() -> new Conv2D(2, 3).padding("full")).hasMessageStartingWith("padding: expected 'valid' or 'same'");
        assertThatThrownBy(() -> new Conv2D(2, 3).dataFormat("channels_first")).hasMessageStartingWith("data_format: expected 'channels_last'");
        assertThatThrownBy(() -> shapeAfter(new Conv2D(2, 3), 28, 28)).hasMessageContaining("expected an input of shape [rows, cols, channels]");
        assertThatThrownBy(() -> shapeAfter(new Conv2D(2, 5), 3, 3, 1)).hasMessageContaining("does not fit the input");
        assertThatThrownBy(() -> new Reshape(-1, -1)).hasMessageStartingWith("target_shape: expected positive dimensions and at most one -1");
        assertThatThrownBy(() -> shapeAfter(new Reshape(5), 2, 3)).hasMessageContaining("cannot hold the input");
        assertThatThrownBy(() -> new Input(28, 0)).hasMessageStartingWith("shape: expected positive dimensions");
    }
}
