package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * RandomRotation, RandomZoom and RandomTranslation in training, measured on ramps: channel 0 holds {@code x - c},
 * channel 1 {@code y - c} (c the centre), which bilinear resampling keeps exact inside the image, so the pixels next
 * to the centre give each image's angle, zoom or shift.
 */
class AffineImageLayersTest {
    private static final int N = 500;
    private static final int SIZE = 11;
    private static final int C = SIZE / 2;

    private static float[] ramps() {
        float[] x = new float[N * SIZE * SIZE * 2];
        for (int i = 0; i < N; i++) {
            for (int y = 0; y < SIZE; y++) {
                for (int col = 0; col < SIZE; col++) {
                    int at = index(i, y, col, 0);
                    x[at] = col - C;
                    x[at + 1] = y - C;
                }
            }
        }
        return x;
    }

    private static int index(int image, int y, int x, int channel) {
        return ((image * SIZE + y) * SIZE + x) * 2 + channel;
    }

    private static float[] train(Layer layer, long seed) {
        try (AugmentGraph graph = new AugmentGraph(layer, seed, true, SIZE, SIZE, 2)) {
            return graph.run(ramps());
        }
    }

    @Test
    void rotationAnglesStayWithinTheFactorAndSpanIt() {
        float[] out = train(new RandomRotation(0.1), 5);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < N; i++) {
            // out(x, y) = input(cos t (x - c) - sin t (y - c) + c, ...): channel 0 one step right is cos t, one step down -sin t
            double cos = out[index(i, C, C + 1, 0)];
            double sin = -out[index(i, C + 1, C, 0)];
            assertThat(cos * cos + sin * sin).isCloseTo(1.0, Offset.offset(1e-4));
            double turns = Math.atan2(sin, cos) / (2 * Math.PI);
            min = Math.min(min, turns);
            max = Math.max(max, turns);
        }
        assertThat(min).isBetween(-0.1 - 1e-5, -0.09);
        assertThat(max).isBetween(0.09, 0.1 + 1e-5);
    }

    @Test
    void zoomStaysWithinItsFactorsAndKeepsTheAspectRatioWithoutAWidthFactor() {
        float[] out = train(new RandomZoom(new double[] {-0.3, 0.2}, null, "reflect", "bilinear", 0, null), 6);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < N; i++) {
            double zx = out[index(i, C, C + 1, 0)];
            double zy = out[index(i, C + 1, C, 1)];
            assertThat(zx).isCloseTo(zy, Offset.offset(1e-5));
            min = Math.min(min, zx);
            max = Math.max(max, zx);
        }
        assertThat(min).isBetween(0.7 - 1e-5, 0.72);
        assertThat(max).isBetween(1.18, 1.2 + 1e-5);

        float[] apart = train(new RandomZoom(new double[] {0.1, 0.2}, new double[] {-0.2, -0.1}, "reflect", "bilinear", 0, null), 6);
        for (int i = 0; i < N; i++) {
            assertThat(apart[index(i, C + 1, C, 1)]).isBetween(1.1f - 1e-5f, 1.2f + 1e-5f);
            assertThat(apart[index(i, C, C + 1, 0)]).isBetween(0.8f - 1e-5f, 0.9f + 1e-5f);
        }
    }

    @Test
    void translationShiftsWithinItsFactorsOfTheSize() {
        float[] out = train(new RandomTranslation(new double[] {-0.2, 0.1}, new double[] {0.05, 0.15}, "reflect", "bilinear", 0, null), 7);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < N; i++) {
            // out(x, y) = input(x - dx, y - dy): at the centre, channel 0 is -dx and channel 1 is -dy
            double dx = -out[index(i, C, C, 0)] / SIZE;
            double dy = -out[index(i, C, C, 1)] / SIZE;
            assertThat(dx).isBetween(0.05 - 1e-5, 0.15 + 1e-5);
            min = Math.min(min, dy);
            max = Math.max(max, dy);
        }
        assertThat(min).isBetween(-0.2 - 1e-5, -0.19);
        assertThat(max).isBetween(0.09, 0.1 + 1e-5);
    }

    @Test
    void constantFillingPutsTheFillValueOutsideTheImage() {
        float[] out = train(new RandomTranslation(new double[] {0.5, 0.5}, new double[] {0, 0}, "constant", "nearest", -7, null), 1);
        // shifted down by half the height: the top rows come from above the image
        assertThat(out[index(0, 0, 3, 0)]).isEqualTo(-7f);
        assertThat(out[index(0, SIZE - 1, 3, 1)]).isEqualTo((float) (Math.round(SIZE - 1 - SIZE * 0.5) - C));
    }

    @Test
    void aSeedRepeatsTheDrawsAndTheIdentityHoldsAtInference() {
        assertThat(train(new RandomRotation(0.2), 3)).isEqualTo(train(new RandomRotation(0.2), 3));
        assertThat(train(new RandomRotation(0.2), 3)).isNotEqualTo(train(new RandomRotation(0.2), 4));
        try (AugmentGraph graph = new AugmentGraph(new RandomZoom(0.3), 3, false, SIZE, SIZE, 2)) {
            assertThat(graph.run(ramps())).isEqualTo(ramps());
        }
        try (AugmentGraph graph = new AugmentGraph(new RandomTranslation(0.3, 0.3), 3, true, SIZE, SIZE, 2)) {
            assertThat(graph.run(ramps())).as("each step draws anew").isNotEqualTo(graph.run(ramps()));
        }
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> new RandomRotation(0.1, 0.2, "mirror", "bilinear", 0, null)).hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> new RandomRotation(0.1, 0.2, "reflect", "bicubic", 0, null)).hasMessageContaining("interpolation");
        assertThatThrownBy(() -> new RandomZoom(new double[] {-1, 0}, null, "reflect", "bilinear", 0, null))
                .hasMessageContaining("height_factor");
        assertThatThrownBy(() -> new RandomTranslation(0.1, 1.5)).hasMessageContaining("width_factor");
    }
}
