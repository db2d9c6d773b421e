package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.models.Model;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchNormalization's {@code scale} and {@code center} (InceptionV3 uses {@code scale=False}): the weights the layer
 * has, its output, and both options kept by a {@code .keras} file.
 */
class BatchNormalizationOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void withoutScaleOrCenterTheLayerHasNoGammaOrBetaAndTheFileKeepsIt() {
        Input input = new Input(2);
        KerasTensor noScale = new BatchNormalization(0.99, 1e-3, "no_scale").scale(false).apply(input);
        KerasTensor neither = new BatchNormalization(0.99, 1e-3, "neither").scale(false).center(false).apply(noScale);
        Path file = tmp.resolve("bn.keras");
        FloatSamples x = FloatSamples.of(new float[]{1f, 2f, 3f, 5f}, 2);
        float[][] expected;
        try (Model model = new Model(List.of(input), List.of(neither), "bn")) {
            assertThat(model.getLayer("no_scale").weightSpecs()).extracting(w -> w.name()).containsExactly("beta", "moving_mean", "moving_variance");
            assertThat(model.getLayer("neither").weightSpecs()).extracting(w -> w.name()).containsExactly("moving_mean", "moving_variance");
            model.getLayer("no_scale").setWeights(List.of(new float[]{0.5f, -0.5f}, new float[]{1f, 2f}, new float[]{4f, 9f}));
            model.getLayer("neither").setWeights(List.of(new float[]{0.1f, 0.2f}, new float[]{0.25f, 1f}));
            expected = model.predict(x);
            // (x - mean) / sqrt(var + eps) + beta, then (y - mean) / sqrt(var + eps)
            double y = (1 - 1) / Math.sqrt(4 + 1e-3) + 0.5;
            assertThat(expected[0][0]).isCloseTo((float) ((y - 0.1) / Math.sqrt(0.25 + 1e-3)), org.assertj.core.data.Offset.offset(1e-5f));
            KerasFiles.save(model, file, false);
        }
        try (Model again = KerasFiles.load(file)) {
            BatchNormalization bn = (BatchNormalization) again.getLayer("no_scale");
            assertThat(bn.scale()).isFalse();
            assertThat(bn.center()).isTrue();
            assertThat(((BatchNormalization) again.getLayer("neither")).center()).isFalse();
            assertThat(again.predict(x)).isDeepEqualTo(expected);
        }
    }
}
