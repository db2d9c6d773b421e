package io.kerasj.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.testing.GraphValues;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Each constraint against the formula worked by hand, on a 2x2 kernel whose columns have norms 5 and 1. */
class ConstraintTest {
    /** Columns (3, 4) and (0, 1); rows (3, 0) and (4, 1). */
    private static final float[] W = {3, 0, 4, 1};
    private static final long[] SHAPE = {2, 2};
    private static final Offset<Float> CLOSE = within(1e-6f);

    private static float[] apply(Constraint c) {
        return GraphValues.of(W, SHAPE, c::call);
    }

    @Test
    void maxNormScalesOnlyTheColumnsAboveTheLimit() {
        float[] w = apply(new MaxNorm(2, 0));
        double scale = 2 / (1e-7 + 5);
        assertThat(w[0]).isCloseTo((float) (3 * scale), CLOSE);
        assertThat(w[2]).isCloseTo((float) (4 * scale), CLOSE);
        assertThat(w[1]).isCloseTo(0f, CLOSE);
        assertThat(w[3]).isCloseTo((float) (1 / (1 + 1e-7)), CLOSE);
    }

    @Test
    void maxNormAlongRowsAndSeveralAxes() {
        float[] rows = apply(new MaxNorm(2, 1));
        assertThat(rows[0]).isCloseTo((float) (3 * 2 / (3 + 1e-7)), CLOSE);
        assertThat(rows[2]).isCloseTo((float) (4 * 2 / (Math.sqrt(17) + 1e-7)), CLOSE);
        float[] all = apply(new MaxNorm(1, 0, 1));
        assertThat(all[2]).isCloseTo((float) (4 / (Math.sqrt(26) + 1e-7)), CLOSE);
    }

    @Test
    void unitNormMinMaxNormAndNonNeg() {
        float[] unit = apply(new UnitNorm());
        assertThat(unit[0]).isCloseTo(0.6f, CLOSE);
        assertThat(unit[2]).isCloseTo(0.8f, CLOSE);
        // column 1 has norm 1: rate 0.5 toward [2, 3] gives 0.5 * 2 + 0.5 * 1 = 1.5; column 0 (norm 5) 0.5 * 3 + 2.5 = 4
        float[] minMax = apply(new MinMaxNorm(2, 3, 0.5, 0));
        assertThat(minMax[3]).isCloseTo((float) (1.5 / (1 + 1e-7)), CLOSE);
        assertThat(minMax[2]).isCloseTo((float) (4 * 4 / (5 + 1e-7)), CLOSE);
        assertThat(GraphValues.of(new float[] {-1, 2, -0.5f, 0}, new long[] {4}, new NonNeg()::call)).containsExactly(0, 2, 0, 0);
    }

    @Test
    void namesAndConfigsAreKeras3s() {
        assertThat(Constraint.of("max_norm")).isEqualTo(new MaxNorm(2, 0));
        assertThat(Constraint.of("MinMaxNorm")).isEqualTo(new MinMaxNorm(0, 1, 1, 0));
        assertThat(Constraint.of("non_neg")).isEqualTo(new NonNeg());
        assertThat(Constraint.of("unit_norm")).isEqualTo(new UnitNorm(0));
        assertThat(new MaxNorm().config()).isEqualTo(Map.of("max_value", 2.0, "axis", 0));
        assertThat(new UnitNorm(0, 1, 2).config()).isEqualTo(Map.of("axis", List.of(0, 1, 2)));
        assertThat(Constraint.fromConfig("MaxNorm", Map.of("max_value", 3, "axis", List.of(0, 1, 2)))).isEqualTo(new MaxNorm(3, 0, 1, 2));
        assertThat(Constraint.fromConfig("MinMaxNorm", Map.of("min_value", 0.5))).isEqualTo(new MinMaxNorm(0.5, 1, 1, 0));
        assertThatThrownBy(() -> Constraint.of("radial")).hasMessageContaining("found 'radial'");
        assertThatThrownBy(() -> Constraint.fromConfig("MaxNorm", Map.of("axis", "rows"))).hasMessageContaining("axis");
    }
}
