package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.Dataset;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.testing.FashionMnistData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The raw-TensorFlow floor of {@code kerasj bench} trains its models for real: loss falls, accuracy rises. */
@Tag("slow")
class IndependentFloorTest {

    private static Dataset firstImages(int count) {
        return FashionMnist.withDefaults(FashionMnistData.dir()).loadData().train().slice(0, count);
    }

    @Test
    void theMlpLearnsFashionMnist() {
        Dataset train = firstImages(3000);
        try (IndependentFloor floor = new IndependentFloor(IndependentFloor.Architecture.MLP, train.scaled().unsafeValues(),
                train.labels(), 1, 1)) {
            assertThat(floor.steps()).isEqualTo(94); // 93 batches of 32 and one of 24
            List<IndependentFloor.Epoch> epochs = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                epochs.add(floor.epoch());
            }
            // SGD at 0.01 from Glorot-uniform weights: the first epoch starts near ln(10) = 2.3 and ends well below it
            assertThat(epochs.get(0).loss()).isBetween(0.8, 2.3);
            assertThat(epochs.get(3).loss()).isLessThan(epochs.get(0).loss() - 0.2);
            assertThat(epochs.get(3).accuracy()).isGreaterThan(0.7);
            assertThat(epochs.get(3).seconds()).isPositive();
        }
    }

    @Test
    void theCnnLearnsFashionMnistWithAdam() {
        Dataset train = firstImages(640);
        try (IndependentFloor floor = new IndependentFloor(IndependentFloor.Architecture.CNN, train.scaled().unsafeValues(),
                train.labels(), 1, 2)) {
            IndependentFloor.Epoch first = floor.epoch();
            IndependentFloor.Epoch second = floor.epoch();
            IndependentFloor.Epoch third = floor.epoch();
            assertThat(third.loss()).isLessThan(first.loss());
            assertThat(third.accuracy()).isGreaterThan(Math.max(0.5, first.accuracy()));
            assertThat(second.seconds()).isPositive();
        }
    }

    @Test
    void refusesImagesThatDoNotMatchTheLabels() {
        assertThatThrownBy(() -> new IndependentFloor(IndependentFloor.Architecture.MLP, new float[784 * 2], new int[3], 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("784 values per label");
    }

    @Test
    void namesOnlyTheModelsItHas() {
        assertThat(IndependentFloor.Architecture.of("mlp")).isEqualTo(IndependentFloor.Architecture.MLP);
        assertThat(IndependentFloor.Architecture.of("cnn")).isEqualTo(IndependentFloor.Architecture.CNN);
        assertThat(IndependentFloor.Architecture.of("dnn")).isNull();
    }
}
