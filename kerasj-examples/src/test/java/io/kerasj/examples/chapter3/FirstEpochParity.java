package io.kerasj.examples.chapter3;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.parity.StudentT;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The judgement of kerasj-cli's {@code FirstEpochLossParityTest}: 3 Java against 3 Keras first-epoch losses (seeds 1,
 * 2, 3), Student's two-sample t with pooled variance ({@link StudentT#pooled}), parity when
 * {@code |t| <= 8.610} (two-sided p >= 0.001 at 4 degrees of freedom).
 */
final class FirstEpochParity {
    private FirstEpochParity() {
    }

    /**
     * Prints the comparison and returns its t.
     *
     * @param name what is compared
     * @param java Java's losses
     * @param keras Keras's losses
     * @return the pooled t of Java against Keras
     */
    static double t(String name, double[] java, double[] keras) {
        double t = StudentT.pooled(java, keras);
        System.out.printf(Locale.ROOT, "first-epoch %-28s Keras %s mean %.6f | Java %s mean %.6f | t %+.3f (|t| <= %.3f: %s)%n",
                name, format(keras), StudentT.mean(keras), format(java), StudentT.mean(java), t, StudentT.CRITICAL_4_DF_P001,
                agrees(t) ? "yes" : "NO");
        return t;
    }

    /**
     * Asserts parity: {@code |t| <= 8.610}.
     *
     * @param javaSeconds how long Java's training took, printed
     */
    static void assertAgrees(String name, double[] java, double[] keras, double javaSeconds) {
        double t = t(name, java, keras);
        System.out.printf(Locale.ROOT, "first-epoch %s: Java side %.1f s for %d seeds%n", name, javaSeconds, java.length);
        assertThat(Math.abs(t)).as("|t| of %s's first-epoch loss against Keras's (p < 0.001 above %.3f)", name,
                StudentT.CRITICAL_4_DF_P001).isLessThanOrEqualTo(StudentT.CRITICAL_4_DF_P001);
    }

    /** @return whether {@code t} lies within the critical value (NaN does not) */
    static boolean agrees(double t) {
        return Math.abs(t) <= StudentT.CRITICAL_4_DF_P001;
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6f", v)).collect(Collectors.joining(", ", "[", "]"));
    }
}
