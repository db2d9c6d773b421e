package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.PipelineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of a CSV source once resolved: every column's name, the selected ones (in the file's order), each one's
 * default for an empty field (null: required), and the label; turns one record into an {@link Element}.
 */
final class CsvColumns {
    /** A decimal number as CSV files write them (not Java's {@code 1f}, {@code 0x1p3} or a trailing {@code d}). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final List<String> names;
    private final int[] features;
    private final int label;
    private final Float[] defaults;
    private final boolean byName;

    CsvColumns(List<String> names, int[] features, int label, Float[] defaults, boolean byName) {
        this.names = List.copyOf(names);
        this.features = features.clone();
        this.label = label;
        this.defaults = defaults.clone();
        this.byName = byName;
    }

    /** @return every column's name, in the file's order */
    List<String> names() {
        return names;
    }

    /** @return the names of the feature columns, in the file's order */
    List<String> featureNames() {
        List<String> out = new ArrayList<>();
        for (int i : features) {
            out.add(names.get(i));
        }
        return out;
    }

    /**
     * @param fields one record's fields (at most as many as there are columns)
     * @param count how many fields the record has
     * @param source the file, for messages
     * @param line the record's 1-based line
     * @return {@code (x, y)}: x the features as one float32 vector (or one float32[1] per column by name), y the label
     *     as float32[1]; x alone without a label
     */
    Element element(List<String> fields, int count, String source, long line) {
        if (count != names.size()) {
            throw new PipelineException(source + ": line " + line + ": expected " + names.size() + " fields, found " + count);
        }
        float[] x = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            x[i] = value(fields, features[i], source, line);
        }
        if (!byName) {
            HostArray features = HostArray.ofFloats(x, x.length);
            return label < 0 ? Element.of(features) : Element.of(features, HostArray.ofFloats(new float[] {value(fields, label, source, line)}, 1));
        }
        Map<String, HostArray> named = new LinkedHashMap<>();
        for (int i = 0; i < features.length; i++) {
            named.put(names.get(features[i]), HostArray.ofFloats(new float[] {x[i]}, 1));
        }
        Map<String, HostArray> y = label < 0 ? Map.of()
                : Map.of(names.get(label), HostArray.ofFloats(new float[] {value(fields, label, source, line)}, 1));
        return Element.named(named, y);
    }

    private float value(List<String> fields, int column, String source, long line) {
        String text = fields.get(column).strip();
        if (text.isEmpty()) {
            if (defaults[column] == null) {
                throw new PipelineException(source + ": line " + line + ": column '" + names.get(column)
                        + "' is empty and has no default");
            }
            return defaults[column];
        }
        if (NUMBER.matcher(text).matches()) {
            return Float.parseFloat(text);
        }
        String special = text.toLowerCase(java.util.Locale.ROOT);
        switch (special) {
            case "nan", "+nan", "-nan" -> {
                return Float.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Float.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Float.NEGATIVE_INFINITY;
            }
            default -> throw new PipelineException(source + ": line " + line + ": column '" + names.get(column) + "': '"
                    + shorten(text) + "' is not a number");
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }
}
