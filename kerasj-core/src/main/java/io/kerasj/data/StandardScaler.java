package io.kerasj.data;

/**
 * scikit-learn's {@code StandardScaler} on float64 rows: the mean and the population standard deviation
 * ({@code ddof=0}) of each column of the rows it is fitted on; {@link #transform} gives {@code (x - mean) / scale}.
 * The sums run over the rows in order, as NumPy reduces {@code axis=0} of a C-ordered array, so the statistics are
 * the same doubles as scikit-learn's. A column scikit-learn's {@code _is_constant_feature} finds constant gets the scale 1, as there.
 */
public final class StandardScaler {

    private final double[] mean;
    private final double[] scale;

    private StandardScaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * scikit-learn's {@code fit}: {@code mean_ = sum / n}; {@code var_ = (sum((x - mean)^2) - sum(x - mean)^2 / n) / n}.
     *
     * @param values row-major values, {@code columns} per row
     * @param columns the number of columns
     * @return the fitted scaler
     * @throws IllegalArgumentException when there are no rows or the values do not fill whole rows
     */
    public static StandardScaler fit(double[] values, int columns) {
        if (columns <= 0 || values.length == 0 || values.length % columns != 0) {
            throw new IllegalArgumentException("values: expected whole rows of " + columns + " columns, at least one, found "
                    + values.length + " values");
        }
        int rows = values.length / columns;
        double[] sum = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                sum[c] += values[r * columns + c];
            }
        }
        double[] mean = new double[columns];
        for (int c = 0; c < columns; c++) {
            mean[c] = sum[c] / rows;
        }
        double[] correction = new double[columns];
        double[] squares = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double d = values[r * columns + c] - mean[c];
                correction[c] += d;
                squares[c] += d * d;
            }
        }
        double[] scale = new double[columns];
        for (int c = 0; c < columns; c++) {
            double variance = (squares[c] - correction[c] * correction[c] / rows) / rows;
            double eps = Math.ulp(1.0);
            double bound = rows * eps * variance + (rows * mean[c] * eps) * (rows * mean[c] * eps);
            scale[c] = variance <= bound ? 1.0 : Math.sqrt(variance);
        }
        return new StandardScaler(mean, scale);
    }

    /** @return each column's mean, scikit-learn's {@code mean_} (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return each column's standard deviation (1 for a constant column), scikit-learn's {@code scale_} (a copy) */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * @param values row-major values with as many columns as the fitted rows
     * @return {@code (x - mean) / scale}, a new array
     * @throws IllegalArgumentException when the values do not fill whole rows
     */
    public double[] transform(double[] values) {
        int columns = mean.length;
        if (values.length % columns != 0) {
            throw new IllegalArgumentException("values: expected whole rows of " + columns + " columns, found " + values.length + " values");
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = i % columns;
            out[i] = (values[i] - mean[c]) / scale[c];
        }
        return out;
    }
}
