package io.kerasj.cli;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import io.kerasj.pipeline.csv.CsvSource;
import java.util.List;

/**
 * {@code kerasj fit}'s CSV input, read by {@link CsvSource} as {@code make_csv_dataset}: every file starts with the
 * same header row; {@code --label} names the label column (by name, or by its 0-based index), the last column by
 * default; the other columns, in file order, are the sample's features, one float vector. The label is a class
 * index (an integer &gt;= 0) when the compiled loss takes class indices, else a float. Files are streamed; a bad row
 * fails in one line naming the file and the line.
 */
final class CsvTrainingData {

    private CsvTrainingData() {
    }

    /**
     * @param input an input of kind {@link TrainingInput.Kind#CSV}
     * @param label the label column's name or 0-based index, or null for the last column
     * @param classIndices whether labels are class indices (else floats)
     * @param shuffleSeed the seed of the files' order each pass, or null to read them in order
     * @return one element per row: {@code (features, label)}
     * @throws TrainingInput.Refused when the label column is not a column of the first file
     */
    static Pipeline open(TrainingInput input, String label, boolean classIndices, Long shuffleSeed) {
        List<String> columns = columns(input);
        if (columns.size() < 2) {
            throw new TrainingInput.Refused(input.files().get(0) + ": expected a label column and at least one feature column, found "
                    + columns);
        }
        String labelName = labelName(columns, label, input);
        CsvSource source = CsvSource.files(input.files()).labelName(labelName);
        if (shuffleSeed != null && input.files().size() > 1) {
            source.shuffleFiles(shuffleSeed);
        }
        Pipeline rows;
        try {
            rows = source.build();
        } catch (IllegalArgumentException e) {
            throw new TrainingInput.Refused(input.describe() + ": " + e.getMessage());
        }
        return classIndices ? rows.map(e -> classIndex(e, labelName)) : rows;
    }

    /** The header's column names, read from the first file (one row read, as the source reads it). */
    private static List<String> columns(TrainingInput input) {
        Element first = CsvSource.files(input.files().get(0)).featuresByName(true).build().first();
        return first.xNames();
    }

    private static String labelName(List<String> columns, String label, TrainingInput input) {
        if (label == null) {
            return columns.get(columns.size() - 1);
        }
        if (columns.contains(label)) {
            return label;
        }
        if (label.matches("\\d{1,9}") && Integer.parseInt(label) < columns.size()) {
            return columns.get(Integer.parseInt(label));
        }
        throw new TrainingInput.Refused("--label: " + input.files().get(0) + " has columns " + columns + ", found '" + label + "'");
    }

    private static Element classIndex(Element e, String labelName) {
        float v = e.y().get(0).floats()[0];
        if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new PipelineException("label column '" + labelName + "': " + v + " is not a class index (an integer >= 0)");
        }
        return e.withArrays(e.x(), List.of(HostArray.ofInts(new int[] {(int) v}, 1)));
    }
}
