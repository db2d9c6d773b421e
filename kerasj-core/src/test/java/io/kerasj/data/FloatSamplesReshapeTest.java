package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link FloatSamples#reshape}: another sample shape over the same array, no copy of the data set. */
class FloatSamplesReshapeTest {

    @Test
    void sharesTheValuesUnderTheNewShape() {
        FloatSamples images = FloatSamples.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2);
        FloatSamples rows = images.reshape(4);
        assertThat(rows.sampleShape()).containsExactly(4);
        assertThat(rows.count()).isEqualTo(2);
        assertThat(rows.unsafeValues()).isSameAs(images.unsafeValues());
        assertThat(images.sampleShape()).containsExactly(2, 2);
    }

    @Test
    void refusesAnotherSizeOrAHostileShape() {
        FloatSamples images = FloatSamples.of(new float[8], 2, 2);
        assertThatThrownBy(() -> images.reshape(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4");
        assertThatThrownBy(() -> images.reshape(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> images.reshape(Integer.MAX_VALUE, Integer.MAX_VALUE, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
