package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void notebookSplitHasTheNotebookShapes() {
        Split split = TestIdx.real().split(Split.DEFAULT_VALIDATION_SIZE);
        assertThat(split.validation().shape()).containsExactly(5000, 28, 28);
        assertThat(split.train().shape()).containsExactly(55000, 28, 28);
        assertThat(split.test().shape()).containsExactly(10000, 28, 28);
        assertThat(split.validation().labels()).hasSize(5000);
        assertThat(split.train().labels()).hasSize(55000);
        // validation = first 5000, train = the rest
        TrainTest all = TestIdx.real();
        assertThat(split.validation().label(0)).isEqualTo(all.train().label(0));
        assertThat(split.train().label(0)).isEqualTo(all.train().label(5000));
        assertThat(split.train().image(0)).isEqualTo(all.train().image(5000));
    }

    @Test
    void validationSizeIsAParameter() {
        Split split = TestIdx.real().split(100);
        assertThat(split.validation().count()).isEqualTo(100);
        assertThat(split.train().count()).isEqualTo(59_900);
        assertThatThrownBy(() -> TestIdx.real().split(60_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 60001");
    }

    @Test
    void scaledValuesAreRawOver255() {
        Dataset valid = TestIdx.real().split(5000).validation();
        FloatSamples x = valid.scaled();
        assertThat(x.shape()).containsExactly(5000, 28, 28);
        float[] values = x.unsafeValues();
        byte[] raw = valid.pixels();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(0f);
        assertThat(max).isLessThanOrEqualTo(1f).isEqualTo(1f);
        for (int i = 0; i < 2000; i++) {
            assertThat(values[i]).isEqualTo((float) (raw[i] & 0xFF) / 255.0f);
        }
    }

    @Test
    void sliceAndScaleOfASmallSet() {
        Dataset set = Dataset.ofImages(new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4}, 2, 2, new int[] {7, 8}, 10);
        assertThat(set.slice(1, 2).labels()).containsExactly(8);
        assertThat(set.slice(1, 2).image(0)).containsExactly(1, 2, 3, 4);
        assertThat(set.scaled().sample(0)).containsExactly(0f, 1f, 0.2f, 0.4f);
        assertThatThrownBy(() -> Dataset.ofImages(new byte[3], 2, 2, new int[1], 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> set.slice(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theChannelAxisIsThereWhenAskedForAndTheValuesAreTheSame() {
        Split split = TestIdx.real().split(Split.DEFAULT_VALIDATION_SIZE);
        Split channels = split.withChannelAxis();
        assertThat(channels.validation().shape()).containsExactly(5000, 28, 28, 1);
        assertThat(channels.train().scaled().shape()).containsExactly(55000, 28, 28, 1);
        assertThat(channels.test().rows()).isEqualTo(28);
        assertThat(channels.test().image(0)).isEqualTo(split.test().image(0));
        assertThat(java.util.Arrays.equals(channels.validation().scaled().unsafeValues(), split.validation().scaled().unsafeValues())).isTrue();
        assertThat(channels.withChannelAxis().test().shape()).containsExactly(10000, 28, 28, 1);
        assertThat(split.test().shape()).containsExactly(10000, 28, 28);
        assertThat(split.test().y().shape()).containsExactly(10000);
        assertThat(split.test().classCount()).isEqualTo(10);
    }

    @Test
    void floatTargetsOfAnyShape() {
        Dataset set = Dataset.of(Samples.ofFloats(new float[] {1, 2, 3, 4}, 2, 2), Targets.floats(new float[] {1, 0, 0, 1}, 2, 2));
        assertThat(set.y().isInteger()).isFalse();
        assertThat(set.slice(1, 2).y().toFloats().unsafeValues()).containsExactly(0, 1);
        assertThat(set.floats().sample(1)).containsExactly(3, 4);
        assertThatThrownBy(set::labels).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> set.image(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("found samples of shape (2,)");
        assertThatThrownBy(() -> Dataset.of(Samples.ofFloats(new float[2], 2, 1), Targets.classes(new int[] {0}, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2 samples and 1 targets");
        assertThatThrownBy(() -> Targets.classes(new int[] {0, 3}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y: label 1: expected a value in [0, 2], found 3");
    }
}
