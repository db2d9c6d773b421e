package io.kerasj.parity;

/**
 * Student's two-sample t statistic with pooled variance (equal variances assumed), {@code n + m - 2} degrees of
 * freedom: {@code t = (mean(a) - mean(b)) / sqrt(s² (1/n + 1/m))}, {@code s² = (Σ(a - ā)² + Σ(b - b̄)²) / (n + m - 2)}.
 * The first-epoch parity tests of every module share it through kerasj-core's test-jar (kerasj-cli's
 * FirstEpochLossParityTest and RegressionNotebookParityTest, kerasj-examples' chapter 3 tests).
 */
public final class StudentT {
    /** Two-sided p = 0.001 at 4 degrees of freedom (3 + 3 samples): the 0.9995 quantile of Student's t(4). */
    public static final double CRITICAL_4_DF_P001 = 8.610;
    /** Means closer than this count as equal where neither sample has any spread. */
    public static final double ZERO_SPREAD_TOLERANCE = 1e-6;

    private StudentT() {
    }

    /**
     * @param a the first sample, at least one value
     * @param b the second sample, at least one value, with {@code a.length + b.length >= 3}
     * @return the pooled t statistic of {@code a} against {@code b}. Where both samples have zero spread it is 0 when
     *     the means agree within {@link #ZERO_SPREAD_TOLERANCE}, else an infinity of the sign of the difference
     */
    public static double pooled(double[] a, double[] b) {
        if (a.length < 1 || b.length < 1 || a.length + b.length < 3) {
            throw new IllegalArgumentException("expected samples of 1+ values and 3+ in all, found " + a.length + " and " + b.length);
        }
        double meanA = mean(a);
        double meanB = mean(b);
        double ss = sumOfSquares(a, meanA) + sumOfSquares(b, meanB);
        double difference = meanA - meanB;
        if (ss == 0) {
            return Math.abs(difference) <= ZERO_SPREAD_TOLERANCE ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        }
        double pooledVariance = ss / (a.length + b.length - 2);
        return difference / Math.sqrt(pooledVariance * (1.0 / a.length + 1.0 / b.length));
    }

    /** @return the arithmetic mean of {@code x} */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** @return the smallest value of {@code x} */
    public static double min(double[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : x) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** @return the largest value of {@code x} */
    public static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double sumOfSquares(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s;
    }
}
