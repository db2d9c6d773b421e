package io.kerasj.datasets;

import io.kerasj.data.DatasetException;
import io.kerasj.data.Dataset;
import io.kerasj.data.Samples;
import io.kerasj.data.Targets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The California housing rows in float64, as scikit-learn's {@code fetch_california_housing()} returns them: eight
 * features per row ({@link CaliforniaHousing#FEATURE_NAMES}) and the target in units of 100,000 dollars.
 *
 * @param features row-major features, {@value #FEATURES} per row (not copied: treat as read-only)
 * @param target one target per row (not copied: treat as read-only)
 */
public record CaliforniaHousingTable(double[] features, double[] target) {

    /** Features per row. */
    public static final int FEATURES = 8;

    /** Comma-separated fields per line of {@code cal_housing.data}. */
    public static final int FIELDS = 9;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * @param features row-major features, {@value #FEATURES} per row
     * @param target one target per row
     * @throws IllegalArgumentException when the lengths disagree
     */
    public CaliforniaHousingTable {
        if (features.length != target.length * (long) FEATURES) {
            throw new IllegalArgumentException("features: expected " + FEATURES + " per target, found " + features.length
                    + " features for " + target.length + " targets");
        }
    }

    /**
     * Parses {@code cal_housing.data} (longitude, latitude, housingMedianAge, totalRooms, totalBedrooms, population,
     * households, medianIncome, medianHouseValue per line) and derives scikit-learn's features in float64:
     * MedInc, HouseAge, AveRooms = totalRooms / households, AveBedrms = totalBedrooms / households, Population,
     * AveOccup = population / households, Latitude, Longitude; target = medianHouseValue / 100000.
     *
     * @param content the file's bytes (ASCII)
     * @param source the file's name, for messages
     * @return the table
     * @throws DatasetException naming {@code source} and the line when a line has another number of fields, a field
     *     is not a finite decimal number, households is not positive, or there are no rows
     */
    public static CaliforniaHousingTable parse(byte[] content, String source) {
        String text = new String(content, StandardCharsets.US_ASCII);
        String[] lines = text.split("\r?\n", -1);
        int rows = lines.length;
        while (rows > 0 && lines[rows - 1].isBlank()) {
            rows--;
        }
        if (rows == 0) {
            throw new DatasetException(source + ": expected rows of " + FIELDS + " comma-separated numbers, found none");
        }
        double[] features = new double[rows * FEATURES];
        double[] target = new double[rows];
        double[] field = new double[FIELDS];
        for (int r = 0; r < rows; r++) {
            String[] parts = lines[r].split(",", -1);
            if (parts.length != FIELDS) {
                throw rowError(source, r, "expected " + FIELDS + " comma-separated fields, found " + parts.length);
            }
            for (int f = 0; f < FIELDS; f++) {
                String part = parts[f].strip();
                if (!NUMBER.matcher(part).matches()) {
                    throw rowError(source, r, "field " + (f + 1) + ": expected a decimal number, found \"" + shortened(part) + "\"");
                }
                field[f] = Double.parseDouble(part);
                if (!Double.isFinite(field[f])) {
                    throw rowError(source, r, "field " + (f + 1) + ": expected a finite number, found " + part);
                }
            }
            double households = field[6];
            if (!(households > 0)) {
                throw rowError(source, r, "households (field 7): expected a positive number, found " + parts[6].strip());
            }
            int o = r * FEATURES;
            features[o] = field[7];
            features[o + 1] = field[2];
            features[o + 2] = field[3] / households;
            features[o + 3] = field[4] / households;
            features[o + 4] = field[5];
            features[o + 5] = field[5] / households;
            features[o + 6] = field[1];
            features[o + 7] = field[0];
            target[r] = field[8] / 100000.0;
        }
        return new CaliforniaHousingTable(features, target);
    }

    /** @return the number of rows */
    public int rows() {
        return target.length;
    }

    /**
     * @param rows row indices, NumPy's fancy indexing {@code X[rows]}
     * @return those rows, in that order
     */
    public CaliforniaHousingTable select(int[] rows) {
        double[] x = new double[rows.length * FEATURES];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * FEATURES, x, i * FEATURES, FEATURES);
            y[i] = target[rows[i]];
        }
        return new CaliforniaHousingTable(x, y);
    }

    /**
     * @param newFeatures row-major features for the same rows, e.g. scaled
     * @return this table's targets with {@code newFeatures}
     */
    public CaliforniaHousingTable withFeatures(double[] newFeatures) {
        return new CaliforniaHousingTable(newFeatures, target);
    }

    /**
     * The float32 dataset Keras trains on, as {@code np.float64 -> tf.float32} rounds: samples of shape {@code [8]},
     * one float target per sample.
     *
     * @return the dataset
     */
    public Dataset dataset() {
        int n = rows();
        return Dataset.of(Samples.ofFloats(toFloats(features), n, FEATURES), Targets.floats(toFloats(target), n));
    }

    /** @return the mean of each feature, in float64 (scikit-learn's {@code X.mean(axis=0)} up to summation order) */
    public double[] featureMeans() {
        double[] mean = new double[FEATURES];
        for (int i = 0; i < features.length; i++) {
            mean[i % FEATURES] += features[i];
        }
        for (int c = 0; c < FEATURES; c++) {
            mean[c] /= rows();
        }
        return mean;
    }

    /** @return the mean target, in float64 */
    public double targetMean() {
        return Arrays.stream(target).sum() / rows();
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static DatasetException rowError(String source, int row, String what) {
        return new DatasetException(source + ": line " + (row + 1) + ": " + what);
    }

    private static String shortened(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
