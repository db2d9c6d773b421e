package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void classLabelsWithoutACountTakeItFromTheLargest() {
        int[] labels = {3, 0, 1};
        Targets y = Targets.classes(labels);
        labels[0] = 9;
        assertThat(y.isInteger()).isTrue();
        assertThat(y.count()).isEqualTo(3);
        assertThat(y.classCount()).isEqualTo(4);
        assertThat(y.labels()).containsExactly(3, 0, 1);
        assertThat(y.targetShape()).isEmpty();
        assertThat(y.targetSize()).isEqualTo(1);
        assertThat(y.floatValues()).containsExactly(3, 0, 1);
        assertThatThrownBy(() -> Targets.classes(new int[] {0, -2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y: label 1: expected a value >= 0, found -2");
    }

    @Test
    void integerTargetsOfAnyShapeCountTheirSamples() {
        Targets y = Targets.of(new int[] {0, 1, 1, 0, 2, 2, 0, 1, 0, 0, 0, 1}, 2, 3);
        assertThat(y.count()).isEqualTo(2);
        assertThat(y.shape()).containsExactly(2, 2, 3);
        assertThat(y.targetSize()).isEqualTo(6);
        assertThat(y.classCount()).isEqualTo(3);
        assertThat(y.slice(1, 2).intValues()).containsExactly(0, 1, 0, 0, 0, 1);
        assertThatThrownBy(y::labels).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Targets.of(new int[5], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y: expected a multiple of 2 values (shape (2,) per sample), found 5");
    }

    @Test
    void floatTargetsCountTheirSamples() {
        float[] values = {0.5f, 1, 2, 3};
        Targets y = Targets.of(values, 2);
        values[0] = 7;
        assertThat(y.isInteger()).isFalse();
        assertThat(y.count()).isEqualTo(2);
        assertThat(y.targetShape()).containsExactly(2);
        assertThat(y.floatValues()).containsExactly(0.5f, 1, 2, 3);
        assertThat(Targets.of(new float[] {4, 5}).shape()).containsExactly(2);
        assertThatThrownBy(y::intValues).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Targets.of(new float[4], 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targetShape: expected positive dimensions, found (0, 2)");
    }
}
