package io.kerasj.spark;

import java.util.List;
import org.apache.spark.sql.Row;

/** Reads one row's features cell into floats, or says why it cannot. */
final class FeatureReader {

    private FeatureReader() {
    }

    /**
     * @param row the row
     * @param index the features column
     * @param kind the column's type
     * @param into where the values go
     * @param offset the first index to write in {@code into}
     * @param size the number of values the model takes per row
     * @return null when read, else the row's error: null cell, wrong length, non-finite value
     */
    static String read(Row row, int index, SparkScorer.FeatureKind kind, float[] into, int offset, int size) {
        if (row.isNullAt(index)) {
            return "features: null";
        }
        if (kind == SparkScorer.FeatureKind.PIXELS) {
            byte[] pixels = (byte[]) row.get(index);
            if (pixels.length != size) {
                return "features: expected " + size + " bytes (8-bit pixels), found " + pixels.length;
            }
            for (int i = 0; i < size; i++) {
                into[offset + i] = (pixels[i] & 0xFF) / 255f;
            }
            return null;
        }
        List<Object> values = row.getList(index);
        if (values.size() != size) {
            return "features: expected " + size + " values, found " + values.size();
        }
        for (int i = 0; i < size; i++) {
            Object v = values.get(i);
            if (v == null) {
                return "features: null at index " + i;
            }
            float f = kind == SparkScorer.FeatureKind.FLOATS ? (Float) v : (float) (double) (Double) v;
            if (!Float.isFinite(f)) {
                return "features: non-finite value " + f + " at index " + i;
            }
            into[offset + i] = f;
        }
        return null;
    }
}
