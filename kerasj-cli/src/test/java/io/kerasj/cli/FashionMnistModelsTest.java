package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Layer;
import io.kerasj.models.Sequential;
import io.kerasj.models.ThreadSettings;
import org.junit.jupiter.api.Test;

class FashionMnistModelsTest {

    @Test
    void theCnnGetsBothCoresAndTheDenseModelsOne() {
        try (Sequential cnn = FashionMnistModels.CNN.build(1, null); Sequential mlp = FashionMnistModels.MLP.build(1, null)) {
            long macs = cnn.layers().stream().mapToLong(Layer::multiplyAdds).sum();
            // conv2d 28·28·9·32, conv2d_1 14·14·9·32·64, then the Dense layers' parameters
            assertThat(macs).isEqualTo(28L * 28 * 9 * 32 + 14L * 14 * 9 * 32 * 64 + 401_536 + 1_290);
            assertThat(cnn.threadSettings()).isEqualTo(ThreadSettings.forModel(macs));
            assertThat(cnn.threadSettings().intraOp()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(mlp.threadSettings()).isEqualTo(new ThreadSettings(1, 1));
        }
    }

    @Test
    void theNormalizedModelNeedsTrainingImagesAndAdaptsOnThem() {
        assertThatThrownBy(() -> FashionMnistModels.NORMALIZED.build(1, null)).hasMessageStartingWith("xTrain: expected the training images");
        float[] values = new float[2 * 784];
        java.util.Arrays.fill(values, 784, 2 * 784, 1f);
        try (Sequential model = FashionMnistModels.NORMALIZED.build(1, FloatSamples.of(values, 28, 28))) {
            assertThat(model.layers().get(1).getWeights().get(0)).containsOnly(0.5f);
            assertThat(model.layers().get(1).getWeights().get(1)).containsOnly(0.25f);
        }
    }

    @Test
    void namesAreTheCommandsAndUnknownOnesListThem() {
        assertThat(FashionMnistModels.of("dnn-selu")).isEqualTo(FashionMnistModels.DNN_SELU);
        assertThatThrownBy(() -> FashionMnistModels.of("vgg")).hasMessage("--model: expected one of mlp, normalized, dnn, dnn-bn, dnn-selu, cnn, found 'vgg'");
    }
}
