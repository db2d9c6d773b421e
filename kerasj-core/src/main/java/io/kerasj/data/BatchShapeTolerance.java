package io.kerasj.data;

import java.util.Comparator;

/**
 * How far the float32 outputs of one model on one sample may differ when the sample runs in batches of different
 * sizes or compositions: {@code |actual - expected| <= 1e-5 * (1 + max(|actual|, |expected|))}.
 *
 * <p>TensorFlow's CPU kernels (oneDNN) choose their blocking, and so their order of summation, by batch shape: a row
 * run alone, in a batch of 10 or in a batch of 100 may come out different in its last bits. Measured on the
 * notebook's MLP on an AMD EPYC, batches of 1 to 256 rows against one batch of 256: at most 1.0e-6 apart, a tenth
 * of this bound. A wrong row, a swapped row or other weights are off by orders of magnitude more.
 */
public final class BatchShapeTolerance {
    /** The absolute part of the bound. */
    public static final double ABSOLUTE = 1e-5;
    /** The part of the bound relative to the larger magnitude. */
    public static final double RELATIVE = 1e-5;

    private BatchShapeTolerance() {
    }

    /**
     * @param actual one value
     * @param expected the value it should agree with
     * @return true when both are equal (NaN and infinities included) or finite and within the bound
     */
    public static boolean accepts(float actual, float expected) {
        if (Float.compare(actual, expected) == 0) {
            return true;
        }
        if (!Float.isFinite(actual) || !Float.isFinite(expected)) {
            return false;
        }
        double bound = ABSOLUTE + RELATIVE * Math.max(Math.abs((double) actual), Math.abs((double) expected));
        return Math.abs((double) actual - expected) <= bound;
    }

    /**
     * @param actual a row of outputs
     * @param expected the row it should agree with
     * @return true when both have the same length and every value is accepted
     */
    public static boolean accepts(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!accepts(actual[i], expected[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return a comparator that finds accepted values equal (for AssertJ's {@code usingElementComparator}) */
    public static Comparator<Float> comparator() {
        return (a, b) -> accepts(a, b) ? 0 : Float.compare(a, b);
    }

    /** @return the bound as text, for reports */
    public static String describe() {
        return "1e-5 * (1 + |expected|)";
    }
}
