package io.kerasj.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.testing.GraphValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each regularizer's penalty against the formula worked by hand, and Keras's names, defaults and configs. */
class RegularizerTest {
    /** A 2x3 weight: sum |x| = 10.5, sum x² = 30.25. */
    private static final float[] W = {1, -2, 0.5f, 3, 0, -4};
    private static final long[] SHAPE = {2, 3};

    private static double penalty(Regularizer r) {
        return GraphValues.of(W, SHAPE, r::call)[0];
    }

    @Test
    void penaltiesAreKerasFormulas() {
        assertThat(penalty(new L1(0.1))).isCloseTo(1.05, within(1e-6));
        assertThat(penalty(new L2(0.01))).isCloseTo(0.3025, within(1e-6));
        assertThat(penalty(new L1L2(0.1, 0.01))).isCloseTo(1.05 + 0.3025, within(1e-6));
        assertThat(penalty(new L1L2(0, 0))).isZero();
    }

    @Test
    void orthogonalPenaltyIsTheMeanAbsoluteCosineOfRowPairs() {
        // rows (1, -2, 0.5) and (3, 0, -4): cosine = (3 - 2) / (sqrt(5.25) * 5) = 0.087287; one pair
        double cosine = 1 / (Math.sqrt(5.25) * 5);
        assertThat(penalty(new OrthogonalRegularizer(0.5, "rows"))).isCloseTo(0.5 * 0.5 * 2 * cosine / 1, within(1e-6));
        // columns (1, 3), (-2, 0), (0.5, -4): |cos| 0.632456, 0.355995, 0.945082 (each pair counted twice in P)
        double[][] c = {{1, 3}, {-2, 0}, {0.5, -4}};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    sum += Math.abs((c[i][0] * c[j][0] + c[i][1] * c[j][1]) / Math.hypot(c[i][0], c[i][1]) / Math.hypot(c[j][0], c[j][1]));
                }
            }
        }
        assertThat(penalty(new OrthogonalRegularizer(0.01, "columns"))).isCloseTo(0.01 * 0.5 * sum / 3, within(1e-7));
    }

    @Test
    void namesGiveKerasDefaults() {
        assertThat(Regularizer.of("l2")).isEqualTo(new L2(0.01));
        assertThat(Regularizer.of("L1")).isEqualTo(new L1(0.01));
        assertThat(Regularizer.of("l1l2")).isEqualTo(new L1L2(0, 0));
        assertThat(Regularizer.of("orthogonal_regularizer")).isEqualTo(new OrthogonalRegularizer(0.01, "rows"));
        assertThatThrownBy(() -> Regularizer.of("l1_l2")).hasMessageStartingWith("regularizer: expected one of l1, l2, l1l2");
    }

    @Test
    void configsAreKeras3s() {
        assertThat(new L2().config()).isEqualTo(Map.of("l2", 0.01));
        // Keras keeps L1's factor as a float32 tensor, so its config holds the float32 value
        assertThat(new L1().config()).isEqualTo(Map.of("l1", 0.009999999776482582));
        assertThat(new L1L2(0.0, 0.01).config()).isEqualTo(Map.of("l1", 0.0, "l2", 0.01));
        assertThat(Regularizer.fromConfig("L1L2", Map.of("l1", 0.0, "l2", 0.01))).isEqualTo(new L1L2(0, 0.01));
        assertThat(Regularizer.fromConfig("L2", Map.of())).isEqualTo(new L2());
        assertThat(Regularizer.fromConfig("OrthogonalRegularizer", Map.of("factor", 0.5, "mode", "columns")))
                .isEqualTo(new OrthogonalRegularizer(0.5, "columns"));
        assertThatThrownBy(() -> Regularizer.fromConfig("L3", Map.of())).hasMessageContaining("found 'L3'");
        assertThatThrownBy(() -> Regularizer.fromConfig("L2", Map.of("l2", "much"))).hasMessageContaining("expected a number");
    }

    @Test
    void factorsAreCheckedAsKerasDoes() {
        assertThatThrownBy(() -> new L2(-1)).hasMessageContaining("expected a non-negative float");
        assertThatThrownBy(() -> new L1(Double.NaN)).hasMessageContaining("expected a non-negative float");
        assertThatThrownBy(() -> new L1L2(0, Double.POSITIVE_INFINITY)).hasMessageContaining("l2");
        assertThatThrownBy(() -> new OrthogonalRegularizer(0.01, "diagonal")).hasMessageContaining("mode=diagonal");
    }
}
