package io.kerasj.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Picks tick spacing as matplotlib's default {@code AutoLocator} ({@code MaxNLocator(nbins=9, steps=[1, 2, 2.5, 5,
 * 10])}) so axes carry the same ticks as a pandas/matplotlib plot: 0, 5, 10, ... for 30 epochs; 0.0, 0.2, ... 1.0
 * for the unit interval.
 */
final class TickLocator {

    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    private TickLocator() {
    }

    /**
     * @param lower the axis minimum
     * @param upper the axis maximum
     * @param maxBins at most this many intervals between ticks (matplotlib's {@code nbins}, 9 for "auto" on a
     *        figure of this size)
     * @return the smallest "nice" step giving at most {@code maxBins} intervals
     */
    static double step(double lower, double upper, int maxBins) {
        double span = upper - lower;
        if (!(span > 0) || Double.isInfinite(span)) {
            return 1;
        }
        double raw = span / maxBins;
        double scale = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            double step = s * scale;
            long first = (long) Math.ceil(lower / step - 1e-9);
            long last = (long) Math.floor(upper / step + 1e-9);
            if (last - first <= maxBins && step >= raw - 1e-12) {
                return step;
            }
        }
        return 10 * scale;
    }

    /**
     * @param step the tick spacing
     * @return a format with as many decimals as the step needs ({@code 0} for 5, {@code 0.0} for 2.5 or 0.2), as
     *         matplotlib's {@code ScalarFormatter} shows them
     */
    static NumberFormat format(double step) {
        int decimals = 0;
        while (decimals < 8 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        String pattern = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
