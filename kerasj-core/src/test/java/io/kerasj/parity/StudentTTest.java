package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void pooledTOfTwoSamplesOfThree() {
        // means 2 and 5, each sample variance 1, pooled variance 1: t = -3 / sqrt(2/3)
        assertThat(StudentT.pooled(new double[] {1, 2, 3}, new double[] {4, 5, 6})).isCloseTo(-3 / Math.sqrt(2.0 / 3), within(1e-12));
        // unequal spreads: ss = 2 + 32 = 34 over 4 df
        assertThat(StudentT.pooled(new double[] {4, 5, 6}, new double[] {0, 4, 8})).isCloseTo(1 / Math.sqrt(34.0 / 4 * 2 / 3), within(1e-12));
        // one side without spread is an ordinary case
        assertThat(StudentT.pooled(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isCloseTo(-1 / Math.sqrt(2.0 / 4 * 2 / 3), within(1e-12));
    }

    @Test
    void zeroSpreadOnBothSidesRequiresEqualMeans() {
        assertThat(StudentT.pooled(new double[] {0.5, 0.5, 0.5}, new double[] {0.5 + 5e-7, 0.5 + 5e-7, 0.5 + 5e-7})).isZero();
        assertThat(StudentT.pooled(new double[] {0.5, 0.5, 0.5}, new double[] {0.5001, 0.5001, 0.5001})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StudentT.pooled(new double[] {0.6, 0.6, 0.6}, new double[] {0.5, 0.5, 0.5})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> StudentT.pooled(new double[] {1}, new double[] {2})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCriticalValueIsTheTwoSidedOneInAThousandPointOfTWithFourDegreesOfFreedom() {
        // Student's t(4) has a closed-form CDF: F(t) = 1/2 + (3/8) u (1 - u^2 / 12), u = t / sqrt(1 + t^2 / 4)
        double t = StudentT.CRITICAL_4_DF_P001;
        double u = t / Math.sqrt(1 + t * t / 4);
        double twoSidedP = 2 * (1 - (0.5 + 3.0 / 8 * u * (1 - u * u / 12)));
        assertThat(twoSidedP).isCloseTo(0.001, within(1e-6));
    }
}
