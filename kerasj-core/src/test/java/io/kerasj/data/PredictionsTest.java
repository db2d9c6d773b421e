package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsTest {
    private static final float[][] ROWS = {{0.1f, 0.7f, 0.2f}, {0.5f, 0.5f, 0f}, {0f, 0.25f, 0.75f}};

    @Test
    void argmaxTakesTheFirstLargestAsNumpyDoes() {
        assertThat(Predictions.argmax(ROWS)).containsExactly(1, 0, 2);
    }

    @Test
    void namesClassesAndRefusesUnknownOnes() {
        assertThat(Predictions.names(new int[] {2, 0}, List.of("a", "b", "c"))).containsExactly("c", "a");
        assertThatThrownBy(() -> Predictions.names(new int[] {3}, List.of("a", "b", "c"))).hasMessageContaining("classes[0]");
    }

    @Test
    void accuracyAndUnclippedCrossEntropy() {
        int[] labels = {1, 1, 2};
        assertThat(Predictions.accuracy(ROWS, labels)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Predictions.crossEntropy(ROWS, labels))
                .isCloseTo(-(Math.log(0.7f) + Math.log(0.5f) + Math.log(0.75f)) / 3, within(1e-9));
    }

    @Test
    void tellsProbabilitiesFromLogits() {
        assertThat(Predictions.areProbabilities(ROWS)).isTrue();
        assertThat(Predictions.areProbabilities(new float[][] {{2f, -1f, 0.5f}})).isFalse();
        assertThat(Predictions.areProbabilities(new float[][] {{0.3f, 0.3f, 0.3f}})).isFalse();
        assertThat(Predictions.areProbabilities(new float[][] {{Float.NaN, 1f}})).isFalse();
    }
}
