package io.kerasj.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** How NumPy shows the notebook's arrays in a cell: {@code array([[0.  , 0.96], ...], dtype=float32)}. */
final class NumpyFormat {
    private NumpyFormat() {
    }

    /**
     * NumPy's repr of {@code rows.round(decimals)}: every value with as many decimals as the widest needs, trailing
     * zeros shown as spaces.
     */
    static String roundedArray(float[][] rows, int decimals) {
        List<List<String>> cells = new ArrayList<>();
        int fraction = 0;
        for (float[] row : rows) {
            List<String> texts = new ArrayList<>();
            for (float v : row) {
                String text = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
                if (text.equals("-0")) {
                    text = "0";
                }
                int dot = text.indexOf('.');
                fraction = Math.max(fraction, dot < 0 ? 0 : text.length() - dot - 1);
                texts.add(text);
            }
            cells.add(texts);
        }
        int width = 0;
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                String text = row.get(i);
                int dot = text.indexOf('.');
                String padded = (dot < 0 ? text + "." : text) + " ".repeat(fraction - (dot < 0 ? 0 : text.length() - dot - 1));
                row.set(i, padded);
                width = Math.max(width, padded.length());
            }
        }
        StringBuilder out = new StringBuilder("array([");
        for (int r = 0; r < cells.size(); r++) {
            if (r > 0) {
                out.append(",\n       ");
            }
            out.append('[');
            List<String> row = cells.get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(i > 0 ? ", " : "").append(" ".repeat(width - row.get(i).length())).append(row.get(i));
            }
            out.append(']');
        }
        return out.append("],\n      dtype=float32)").toString();
    }

    /** NumPy's repr of an int array: {@code array([9, 2, 1])}. */
    static String intArray(int[] values) {
        StringBuilder out = new StringBuilder("array([");
        for (int i = 0; i < values.length; i++) {
            out.append(i > 0 ? ", " : "").append(values[i]);
        }
        return out.append("])").toString();
    }

    /** NumPy's repr of a string array: {@code array(['Ankle boot', 'Pullover'], dtype='<U10')}. */
    static String stringArray(String[] values) {
        StringBuilder out = new StringBuilder("array([");
        int longest = 0;
        for (int i = 0; i < values.length; i++) {
            out.append(i > 0 ? ", " : "").append('\'').append(values[i]).append('\'');
            longest = Math.max(longest, values[i].length());
        }
        return out.append("], dtype='<U").append(longest).append("')").toString();
    }
}
