package io.kerasj.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Refuses input values a model cannot take: NaN, ±Infinity, and float64 values beyond float32's range (such as
 * {@code 1e39}, which would become Infinity). A file's values are checked where they are read, so that the refusal
 * names the file and the sample, whichever model runs them.
 */
public final class FiniteValues {
    private FiniteValues() {
    }

    /**
     * @param array an array read from {@code source}; integer arrays always pass
     * @param sampleSize values per sample (the product of the dimensions after the first; 1 or more)
     * @param source the file, named in the message
     * @throws DatasetException naming the file, the sample and the value
     */
    public static void check(NpyArray array, long sampleSize, String source) {
        if (array.dtype() != NpyArray.DType.FLOAT32 && array.dtype() != NpyArray.DType.FLOAT64) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(array.unsafeData()).order(ByteOrder.LITTLE_ENDIAN);
        long n = array.elements();
        boolean wide = array.dtype() == NpyArray.DType.FLOAT64;
        for (long i = 0; i < n; i++) {
            double v = wide ? b.getDouble((int) (i * 8)) : b.getFloat((int) (i * 4));
            if (!isFiniteFloat(v)) {
                throw refusal(source, "sample " + i / Math.max(sampleSize, 1), i % Math.max(sampleSize, 1), v);
            }
        }
    }

    /**
     * @param values values as a model will take them
     * @param sampleSize values per sample (1 or more)
     * @param source the file, named in the message
     * @throws DatasetException naming the file, the sample and the value
     */
    public static void check(float[] values, long sampleSize, String source) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw refusal(source, "sample " + i / Math.max(sampleSize, 1), i % Math.max(sampleSize, 1), values[i]);
            }
        }
    }

    /** @return true when {@code v} is a finite number that stays finite as a float32 */
    public static boolean isFiniteFloat(double v) {
        return Double.isFinite(v) && Float.isFinite((float) v);
    }

    /**
     * @param source the file
     * @param where the sample, e.g. {@code sample 3} or {@code sample 3 (line 5)}
     * @param position the value's position in the sample
     * @param value the value
     * @return the one-line refusal
     */
    public static DatasetException refusal(String source, String where, long position, double value) {
        return new DatasetException(source + ": " + where + " holds " + describe(value) + " (value " + position
                + " of the sample): expected finite numbers");
    }

    private static String describe(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%s, beyond float32's range", Double.toString(v));
    }
}
