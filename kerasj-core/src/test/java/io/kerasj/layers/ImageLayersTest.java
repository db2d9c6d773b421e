package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Shapes, weights, arguments and one training step of the Keras Applications' convolution and shape layers. */
class ImageLayersTest {

    private static long[] shapeAfter(Layer layer, long... input) {
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(input));
            model.add(layer);
            return model.outputShape();
        }
    }

    @Test
    void outputShapesAreKerass() {
        assertThat(shapeAfter(new DepthwiseConv2D(3), 7, 7, 2)).containsExactly(5, 5, 2);
        assertThat(shapeAfter(new DepthwiseConv2D(3).depthMultiplier(3).strides(2).padding("same"), 7, 6, 2)).containsExactly(4, 3, 6);
        assertThat(shapeAfter(new DepthwiseConv2D(2).dilationRate(2), 6, 6, 2)).containsExactly(4, 4, 2);
        assertThat(shapeAfter(new SeparableConv2D(5, 3).depthMultiplier(2), 6, 6, 2)).containsExactly(4, 4, 5);
        assertThat(shapeAfter(new Conv2DTranspose(4, 3), 5, 5, 2)).containsExactly(7, 7, 4);
        assertThat(shapeAfter(new Conv2DTranspose(4, 3).strides(2).padding("same"), 5, 4, 2)).containsExactly(10, 8, 4);
        assertThat(shapeAfter(new Conv2DTranspose(4, 2).strides(3), 5, 5, 2)).containsExactly(15, 15, 4);
        assertThat(shapeAfter(new Conv2DTranspose(4, 3).strides(2).padding("same").outputPadding(0), 5, 5, 2)).containsExactly(9, 9, 4);
        assertThat(shapeAfter(new Conv2DTranspose(4, 3).strides(2).outputPadding(1), 5, 5, 2)).containsExactly(12, 12, 4);
        assertThat(shapeAfter(new Conv2D(6, 3).groups(2), 5, 5, 4)).containsExactly(3, 3, 6);
        assertThat(shapeAfter(new ZeroPadding2D(), 3, 4, 2)).containsExactly(5, 6, 2);
        assertThat(shapeAfter(new ZeroPadding2D(new int[][] {{0, 1}, {2, 3}}), 3, 4, 2)).containsExactly(4, 9, 2);
        assertThat(shapeAfter(new Cropping2D(1, 2), 5, 6, 2)).containsExactly(3, 2, 2);
        assertThat(shapeAfter(new Cropping2D(new int[][] {{1, 0}, {0, 2}}), 5, 6, 2)).containsExactly(4, 4, 2);
        assertThat(shapeAfter(new UpSampling2D(), 3, 4, 2)).containsExactly(6, 8, 2);
        assertThat(shapeAfter(new UpSampling2D(2, 3).interpolation("bilinear"), 3, 4, 2)).containsExactly(6, 12, 2);
    }

    @Test
    void weightsAreKerassInOrderAndShape() {
        DepthwiseConv2D depthwise = new DepthwiseConv2D(3).depthMultiplier(2);
        SeparableConv2D separable = new SeparableConv2D(5, 3).depthMultiplier(2);
        Conv2DTranspose transpose = new Conv2DTranspose(4, 3);
        Conv2D grouped = new Conv2D(6, 3).groups(3);
        shapeAfter(depthwise, 6, 6, 3);
        shapeAfter(separable, 6, 6, 3);
        shapeAfter(transpose, 6, 6, 3);
        shapeAfter(grouped, 6, 6, 3);
        assertThat(depthwise.weightSpecs()).extracting(WeightSpec::name).containsExactly("kernel", "bias");
        assertThat(depthwise.weightSpecs().get(0).shape()).containsExactly(3, 3, 3, 2);
        assertThat(depthwise.weightSpecs().get(1).shape()).containsExactly(6);
        assertThat(separable.weightSpecs()).extracting(WeightSpec::name).containsExactly("depthwise_kernel", "pointwise_kernel", "bias");
        assertThat(separable.weightSpecs().get(1).shape()).containsExactly(1, 1, 6, 5);
        assertThat(transpose.weightSpecs().get(0).shape()).containsExactly(3, 3, 4, 3);
        assertThat(grouped.weightSpecs().get(0).shape()).containsExactly(3, 3, 1, 6);
    }

    @Test
    void shapeLayersMoveThePixelsAsKerasDoes() {
        float[] x = {1, 2, 3, 4};
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2, 2, 1));
            model.add(new ZeroPadding2D(new int[][] {{0, 1}, {1, 0}}));
            assertThat(model.predict(FloatSamples.of(x, 2, 2, 1))[0]).containsExactly(0, 1, 2, 0, 3, 4, 0, 0, 0);
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2, 2, 1));
            model.add(new UpSampling2D(1, 2));
            assertThat(model.predict(FloatSamples.of(x, 2, 2, 1))[0]).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(2, 2, 1));
            model.add(new Cropping2D(new int[][] {{1, 0}, {0, 1}}));
            assertThat(model.predict(FloatSamples.of(x, 2, 2, 1))[0]).containsExactly(3);
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> new DepthwiseConv2D(3).depthMultiplier(0)).hasMessageStartingWith("depth_multiplier: expected a positive");
        assertThatThrownBy(() -> new SeparableConv2D(0, 3)).hasMessageStartingWith("filters: expected a positive number");
        assertThatThrownBy(() -> new Conv2D(6, 3).groups(4)).hasMessageStartingWith("groups: expected a positive divisor");
        assertThatThrownBy(() -> shapeAfter(new Conv2D(6, 3).groups(3), 5, 5, 4)).hasMessageContaining("groups=3 does not divide");
        assertThatThrownBy(() -> shapeAfter(new Conv2DTranspose(2, 3).strides(2).outputPadding(2), 5, 5, 1))
                .hasMessageStartingWith("output_padding: expected values below the strides");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][] {{1}, {1, 1}})).hasMessageStartingWith("padding: expected ((top, bottom)");
        assertThatThrownBy(() -> new ZeroPadding2D(-1)).hasMessageStartingWith("padding: expected ints from 0");
        assertThatThrownBy(() -> shapeAfter(new Cropping2D(2), 4, 4, 1)).hasMessageContaining("leaves nothing");
        assertThatThrownBy(() -> new UpSampling2D(2).interpolation("bicubic")).hasMessageStartingWith("interpolation: expected 'nearest'");
        assertThatThrownBy(() -> new UpSampling2D(0)).hasMessageStartingWith("size: expected positive ints");
    }

    @Test
    @Tag("slow")
    void oneModelOfEveryLayerTrainsEveryWeight() {
        float[] x = new float[8 * 6 * 6 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37);
        }
        try (Sequential model = new Sequential(3)) {
            model.add(new Input(6, 6, 2));
            model.add(new ZeroPadding2D(new int[][] {{0, 1}, {1, 0}}));
            model.add(new DepthwiseConv2D(3).depthMultiplier(2).padding("same"));
            model.add(new DepthwiseConv2D(2).dilationRate(2));
            model.add(new SeparableConv2D(4, 3).strides(2));
            model.add(new Conv2DTranspose(4, 3).strides(2).padding("same"));
            model.add(new Conv2D(4, 3).groups(2));
            model.add(new UpSampling2D());
            model.add(new Cropping2D(1));
            model.add(new UpSampling2D().interpolation("bilinear"));
            model.add(new Flatten());
            model.add(new Dense(1));
            model.compile("mse", "sgd");
            List<float[]> before = model.getWeights();
            model.fit(FloatSamples.of(x, 6, 6, 2), io.kerasj.data.Targets.of(new float[] {1, -1, 1, -1, 1, -1, 1, -1}, 1),
                    FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
            List<float[]> after = model.getWeights();
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i)).as("weight %d moved", i).isNotEqualTo(before.get(i));
            }
        }
    }
}
