package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slices sized by the bytes of their activations: small for the CNN, whole for the MLP. */
class SlicesTest {

    @Test
    void theCnnsActivationsAreEverySamplesTensorsInFloat32() {
        // input 784, conv 28*28*32, pool 14*14*32, conv 14*14*64, pool 7*7*64, flatten 3136, dense 128, dense 10
        long values = 784 + 25_088 + 6_272 + 12_544 + 3_136 + 3_136 + 128 + 10;
        assertThat(ActivationBytes.perSample(SliceModels.cnn().network())).isEqualTo(values * Float.BYTES);
    }

    @Test
    void theMlpsActivationsAreEverySamplesTensorsInFloat32() {
        // input 28x28, flatten 784, dense 300, 100, 10
        assertThat(ActivationBytes.perSample(SliceModels.mlp().network())).isEqualTo((784 + 784 + 300 + 100 + 10) * Float.BYTES);
    }

    @Test
    void theCnnGetsSlicesOfAFewHundredImagesWithinTheBudget() {
        Model cnn = SliceModels.cnn();
        int size = Slices.sizeFor(cnn.network());
        assertThat(size).isBetween(Slices.KERAS_BATCH_SIZE, 1_000);
        assertThat(size % Slices.KERAS_BATCH_SIZE).isZero();
        assertThat((long) size * ActivationBytes.perSample(cnn.network())).isLessThanOrEqualTo(Slices.ACTIVATION_BUDGET);
    }

    @Test
    void theMlpKeepsWholeSlices() {
        assertThat(Slices.sizeFor(SliceModels.mlp().network())).isEqualTo(Slices.SLICE);
    }

    @Test
    void aNestedModelsOwnActivationsCount() {
        Model inner = SliceModels.mlp();
        Input input = new Input(28, 28);
        KerasTensor output = new Dense(10, "softmax").apply(inner.apply(input));
        Model outer = new Model(input, output);
        long innerBytes = ActivationBytes.perSample(inner.network());
        // the outer input, the inner model's output, the outer dense, and all the inner model's tensors
        assertThat(ActivationBytes.perSample(outer.network())).isEqualTo((784 + 10 + 10) * Float.BYTES + innerBytes);
    }

    @Test
    void sizesAreMultiplesOfKerasBatchesBetweenOneAndTheLargestSlice() {
        assertThat(Slices.sizeFor(1, Slices.ACTIVATION_BUDGET)).isEqualTo(Slices.SLICE);
        assertThat(Slices.sizeFor(1_000, 100_000)).isEqualTo(96);
        assertThat(Slices.sizeFor(1_000, 31_999)).isEqualTo(31);
        assertThat(Slices.sizeFor(Long.MAX_VALUE, Slices.ACTIVATION_BUDGET)).isEqualTo(1);
    }

    @Test
    void slicesCoverTheSamplesInOrder() {
        assertThat(Slices.of(1_000, 384)).extracting(s -> List.of(s[0], s[1]))
                .containsExactly(List.of(0, 384), List.of(384, 384), List.of(768, 232));
    }
}
