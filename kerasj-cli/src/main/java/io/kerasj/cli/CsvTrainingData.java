package io.kerasj.cli;

import io.kerasj.data.FiniteValues;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code kerasj fit}'s CSV input: one sample per row, read file by file on each pass (nothing held but the row).
 * A first row that is not all numbers is a header naming the columns (every file's the same); {@code --label}
 * names the label column (by header name, or by its 0-based index), the last column by default; the other columns,
 * in file order, are the sample's features, a float vector. The label is a class index (an integer &gt;= 0) when the
 * compiled loss takes class indices, else a float. A bad row fails in one line naming the file and the row.
 */
final class CsvTrainingData {
    private final List<Path> files;
    private final String label;
    private final boolean classIndices;
    private final List<String> header;
    private final int columns;
    private final int labelColumn;

    private CsvTrainingData(List<Path> files, String label, boolean classIndices) {
        this.files = files;
        this.label = label;
        this.classIndices = classIndices;
        String[] first = firstRow(files.get(0));
        this.header = isHeader(first) ? Arrays.stream(first).map(String::strip).toList() : null;
        this.columns = first.length;
        this.labelColumn = labelColumn();
        if (columns < 2) {
            throw new TrainingInput.Refused(files.get(0) + ": expected a label column and at least one feature column, found "
                    + columns + " column");
        }
    }

    /**
     * @param input an input of kind {@link TrainingInput.Kind#CSV}
     * @param label the label column's name or 0-based index, or null for the last column
     * @param classIndices whether labels are class indices (else floats)
     * @return one element per row: {@code (features, label)}
     * @throws TrainingInput.Refused when the label column is not in the first file's header
     */
    static Pipeline open(TrainingInput input, String label, boolean classIndices) {
        CsvTrainingData data = new CsvTrainingData(input.files(), label, classIndices);
        return Pipeline.fromGenerator(data::pass);
    }

    private int labelColumn() {
        if (label == null) {
            return columns - 1;
        }
        if (header != null && header.contains(label)) {
            return header.indexOf(label);
        }
        if (label.matches("\\d{1,9}") && Integer.parseInt(label) < columns) {
            return Integer.parseInt(label);
        }
        throw new TrainingInput.Refused("--label: " + files.get(0) + " has " + (header == null ? "no header and " + columns
                + " columns: name the label column by its index from 0" : "columns " + header) + ", found '" + label + "'");
    }

    private static String[] firstRow(Path file) {
        try (BoundedLines in = BoundedLines.open(file, ArraySamples.MAX_CSV_LINE_CHARS)) {
            String line = in.next();
            if (line == null) {
                throw new PipelineException(file + ": empty: expected a header or a first row of numbers");
            }
            return line.split(",", -1);
        }
    }

    private static boolean isHeader(String[] cells) {
        for (String c : cells) {
            if (!isNumber(c.strip())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty() && !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private ElementIterator pass() {
        return new Rows();
    }

    /** One pass: the files in order, a row at a time. */
    private final class Rows implements ElementIterator {
        private int fileIndex = -1;
        private BoundedLines in;
        private int row;
        private Element next;

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (in == null) {
                    if (fileIndex + 1 >= files.size()) {
                        fileIndex = files.size();
                        return false;
                    }
                    fileIndex++;
                    in = BoundedLines.open(files.get(fileIndex), ArraySamples.MAX_CSV_LINE_CHARS);
                    row = 0;
                }
                String line = in.next();
                if (line == null) {
                    in.close();
                    in = null;
                } else if (!line.isBlank()) {
                    next = parse(line);
                }
            }
            return true;
        }

        private Element parse(String line) {
            Path file = files.get(fileIndex);
            String[] cells = line.split(",", -1);
            boolean first = in.lineNumber() == 1;
            if (first && isHeader(cells)) {
                List<String> names = Arrays.stream(cells).map(String::strip).toList();
                if (!names.equals(header)) {
                    throw new PipelineException(file + ": header " + names + ", the first file's " + (header == null ? "none" : header));
                }
                return null;
            }
            row++;
            String where = file + ": row " + row + " (line " + in.lineNumber() + ")";
            if (cells.length != columns) {
                throw new PipelineException(where + ": " + cells.length + " fields, expected " + columns);
            }
            float[] features = new float[columns - 1];
            float labelValue = 0;
            for (int c = 0, f = 0; c < columns; c++) {
                String cell = cells[c].strip();
                if (!isNumber(cell)) {
                    throw new PipelineException(where + ": column " + (header == null ? String.valueOf(c) : "'" + header.get(c) + "'")
                            + ": '" + shorten(cell) + "' is not a number");
                }
                double v = Double.parseDouble(cell);
                if (!FiniteValues.isFiniteFloat(v)) {
                    throw new PipelineException(where + ": column " + c + ": " + cell + " is not a finite float32");
                }
                if (c == labelColumn) {
                    labelValue = (float) v;
                } else {
                    features[f++] = (float) v;
                }
            }
            HostArray y;
            if (classIndices) {
                if (labelValue < 0 || labelValue != Math.rint(labelValue) || labelValue > Integer.MAX_VALUE) {
                    throw new PipelineException(where + ": label " + cells[labelColumn].strip() + " is not a class index (an integer >= 0)");
                }
                y = HostArray.ofInts(new int[] {(int) labelValue});
            } else {
                y = HostArray.ofFloats(new float[] {labelValue});
            }
            return Element.of(HostArray.ofFloats(features, features.length), y);
        }

        @Override
        public Element next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Element e = next;
            next = null;
            return e;
        }

        @Override
        public void close() {
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
