package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumpyFormatTest {

    @Test
    void roundedArrayLooksLikeNumpysRepr() {
        float[][] rows = {{0.001f, 0.0123f, 0.96f}, {0f, 1f, 0.1f}};
        assertThat(NumpyFormat.roundedArray(rows, 2)).isEqualTo(
                "array([[0.  , 0.01, 0.96],\n       [0.  , 1.  , 0.1 ]],\n      dtype=float32)");
    }

    @Test
    void intAndStringArrays() {
        assertThat(NumpyFormat.intArray(new int[] {9, 2, 1})).isEqualTo("array([9, 2, 1])");
        assertThat(NumpyFormat.stringArray(new String[] {"Ankle boot", "Pullover", "Trouser"}))
                .isEqualTo("array(['Ankle boot', 'Pullover', 'Trouser'], dtype='<U10')");
    }
}
