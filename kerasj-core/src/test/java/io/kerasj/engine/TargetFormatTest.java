package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.Targets;
import io.kerasj.data.Targets;
import io.kerasj.losses.CategoricalCrossentropy;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import org.junit.jupiter.api.Test;

class TargetFormatTest {
    private static final TargetFormat SPARSE = TargetFormat.of(new SparseCategoricalCrossentropy(), new long[] {3});
    private static final TargetFormat DENSE = TargetFormat.of(new CategoricalCrossentropy(), new long[] {3});

    @Test
    void classIndicesMayComeAsIntegersOrWholeFloats() {
        assertThat(SPARSE.check("y", Targets.classes(new int[] {0, 2}), 2).intValues()).containsExactly(0, 2);
        Targets fromFloats = SPARSE.check("y", Targets.of(new float[] {1, 2}, 1), 2);
        assertThat(fromFloats.isInteger()).isTrue();
        assertThat(fromFloats.intValues()).containsExactly(1, 2);
        assertThatThrownBy(() -> SPARSE.check("y", Targets.of(new float[] {1.5f, 2}), 2))
                .hasMessage("y[0]: expected a class index, found 1.5");
        assertThatThrownBy(() -> SPARSE.check("y", Targets.classes(new int[] {0, 3}), 2))
                .hasMessage("y[1]: expected a class in [0, 3), found 3");
        Targets column = SPARSE.check("y", Targets.of(new int[] {2, 1}, 1), 2);
        assertThat(column.targetShape()).isEmpty();
        assertThat(column.intValues()).containsExactly(2, 1);
        assertThatThrownBy(() -> SPARSE.check("y", Targets.of(new float[6], 3), 2))
                .hasMessageContaining("expected one class index per sample");
    }

    @Test
    void floatTargetsTakeTheOutputsShape() {
        Targets y = DENSE.check("validation y", Targets.of(new float[] {1, 0, 0, 0, 1, 0}, 3), 2);
        assertThat(y.floatValues()).containsExactly(1, 0, 0, 0, 1, 0);
        assertThatThrownBy(() -> DENSE.check("y", Targets.classes(new int[] {0, 1}), 2))
                .hasMessage("y: expected targets of shape [3] per sample (the model's output), found []");
        assertThatThrownBy(() -> DENSE.check("y", Targets.of(new float[] {1, 0, Float.NaN}, 3), 1))
                .hasMessage("y[0]: expected finite values, found NaN");
        assertThatThrownBy(() -> DENSE.check("y", Targets.of(new float[3], 3), 2))
                .hasMessage("y: expected 2 targets (one per sample of x), found 1");
        assertThatThrownBy(() -> Targets.of(new float[5], 3)).hasMessageContaining("expected a multiple of 3 values");
    }

    @Test
    void integerTargetsOfTheOutputsShapeBecomeFloats() {
        Targets y = DENSE.check("y", Targets.of(new int[] {0, 0, 1, 1, 0, 0}, 3), 2);
        assertThat(y.isInteger()).isFalse();
        assertThat(y.targetShape()).containsExactly(3);
        assertThat(y.floatValues()).containsExactly(0, 0, 1, 1, 0, 0);
        assertThatThrownBy(() -> DENSE.check("y", Targets.of(new int[] {0, 0, 1, 1}, 2, 2), 1))
                .hasMessage("y: expected targets of shape [3] per sample (the model's output), found [2, 2]");
    }
}
