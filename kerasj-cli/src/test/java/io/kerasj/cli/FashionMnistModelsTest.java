package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Layer;
import io.kerasj.callbacks.History;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.ThreadSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
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

    /** The bench's {@code --train-step own} compares like with like: the hand-written step trains as the built-in one. */
    @Test
    @Tag("slow")
    void theModelWithKerasDefaultStepWrittenByHandTrainsExactlyAsTheBuiltInStep() {
        Random random = new Random(4);
        int count = 80;
        float[] pixels = new float[count * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        int[] labels = random.ints(count, 0, 10).toArray();
        for (FashionMnistModels variant : new FashionMnistModels[] {FashionMnistModels.MLP, FashionMnistModels.CNN}) {
            FloatSamples x = variant == FashionMnistModels.CNN ? FloatSamples.of(pixels, 28, 28, 1) : FloatSamples.of(pixels, 28, 28);
            try (Sequential builtIn = variant.build(3, null); Model own = variant.buildWithOwnTrainStep(3, null)) {
                assertThat(own.getWeights()).as("first weights").usingRecursiveComparison().isEqualTo(builtIn.getWeights());
                History expected = builtIn.fit(x, labels, FitOptions.defaults().epochs(2).verbose(0));
                History actual = own.fit(x, labels, FitOptions.defaults().epochs(2).verbose(0));
                assertThat(actual.history()).as(variant.id()).isEqualTo(expected.history());
                List<float[]> weights = own.getWeights();
                assertThat(weights).as(variant.id()).usingRecursiveComparison().isEqualTo(builtIn.getWeights());
            }
        }
    }
}
