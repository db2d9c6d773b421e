package io.kerasj.cli;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.KerasJException;
import io.kerasj.data.FiniteValues;
import io.kerasj.data.FloatSamples;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Samples given as numbers: a {@code .npy} array of shape [N, ...] or one sample's shape (float32, float64 or
 * uint8), or a CSV file with one sample per row (a first row that is not numbers is a header). The values per
 * sample must equal the model's input size; they are reshaped to its input shape and multiplied by the scale.
 */
final class ArraySamples implements SampleSource {
    /** A CSV row: a 512x512x3 image written as text fits. */
    static final int MAX_CSV_LINE_CHARS = 16 << 20;
    private static final int MAX_LABEL_LINE_CHARS = 1024;
    /** Values of one input held in memory (a Java array's bound). */
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private final Path file;
    private final float[] values;
    private final int count;
    private final int[] sampleShape;
    private final Scale scale;
    private final int[] labels;

    private ArraySamples(Path file, float[] values, int count, int[] sampleShape, Scale scale, int[] labels) {
        this.file = file;
        this.values = values;
        this.count = count;
        this.sampleShape = sampleShape;
        this.scale = scale;
        this.labels = labels;
    }

    /** @return true for a {@code .npy} or {@code .csv} name */
    static boolean accepts(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".csv");
    }

    /** @return true when the file holds uint8 values, whose default scale is 1/255 like pixels */
    static boolean isUint8(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")
                && Npy.dtypeOf(path) == NpyArray.DType.UINT8;
    }

    /**
     * @param file a .npy or .csv file
     * @param shape the model's per-sample input shape (-1 dimensions are taken from the file)
     * @param scale the multiplier
     * @param labels the labels, or null
     * @return the source
     */
    static ArraySamples open(Path file, long[] shape, Scale scale, int[] labels) {
        BoundedLines.requireRegularFile(file);
        boolean npy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        long[] arrayShape;
        float[] values;
        NpyArray array = null;
        if (npy) {
            array = Npy.read(file);
            arrayShape = array.shape();
            values = array.toFloats();
        } else {
            Csv table = csv(file);
            values = table.values();
            arrayShape = new long[] {table.rows(), table.columns()};
        }
        int[] sample = sampleShape(file, shape, arrayShape);
        int size = Arrays.stream(sample).reduce(1, Math::multiplyExact);
        int count = size == 0 ? 0 : values.length / size;
        if (count * size != values.length || count == 0) {
            throw new ShapeMismatch(file + ": an array of shape " + Arrays.toString(arrayShape) + " holds no whole samples of shape "
                    + Arrays.toString(sample) + ": expected [N, " + Arrays.toString(sample).replace("[", "").replace("]", "") + "]");
        }
        if (array != null) {
            FiniteValues.check(array, size, file.toString()); // from the file's own values: 1e39 in float64 is named as such
        }
        if (labels != null && labels.length != count) {
            throw new KerasJException(file + ": " + count + " samples but " + labels.length + " labels");
        }
        if (scale != Scale.NONE) {
            for (int i = 0; i < values.length; i++) {
                values[i] = scale.apply(values[i]);
                if (!Float.isFinite(values[i])) {
                    throw FiniteValues.refusal(file.toString(), "sample " + i / size + " scaled by " + scale, i % size, values[i]);
                }
            }
        }
        return new ArraySamples(file, values, count, sample, scale, labels);
    }

    private static int[] sampleShape(Path file, long[] model, long[] array) {
        if (model == null) {
            return Arrays.stream(array, 1, array.length).mapToInt(d -> (int) d).toArray();
        }
        long modelSize = Arrays.stream(model).reduce(1, (a, b) -> a * b);
        long[] rest = array.length > 0 ? Arrays.copyOfRange(array, 1, array.length) : array;
        long restSize = Arrays.stream(rest).reduce(1, (a, b) -> a * b);
        long[] resolved = model.clone();
        if (modelSize < 0) {
            // one free dimension (besides the batch): take it from the file
            long known = -modelSize;
            for (int i = 0; i < resolved.length; i++) {
                if (resolved[i] < 0) {
                    resolved[i] = restSize / known;
                }
            }
        }
        long size = Arrays.stream(resolved).reduce(1, (a, b) -> a * b);
        long total = Arrays.stream(array).reduce(1, (a, b) -> a * b);
        if (restSize != size && total != size) {
            throw new ShapeMismatch(file + ": an array of shape " + Arrays.toString(array) + ", the model takes samples of shape "
                    + Arrays.toString(model) + ": expected [N, " + Arrays.toString(resolved).replace("[", "").replace("]", "") + "]");
        }
        return Arrays.stream(resolved).mapToInt(d -> (int) d).toArray();
    }

    /** Samples whose shape the model's input cannot take: a usage error of the command line. */
    static final class ShapeMismatch extends KerasJException {
        ShapeMismatch(String message) {
            super(message);
        }
    }

    /** A CSV file's numbers, row-major. */
    private record Csv(float[] values, int rows, int columns) {
    }

    /** One sample per row; a first row that is not numbers is a header; each value must be a finite float32. */
    private static Csv csv(Path file) {
        float[] values = new float[1024];
        int size = 0;
        int rows = 0;
        int columns = -1;
        try (BoundedLines in = BoundedLines.open(file, MAX_CSV_LINE_CHARS)) {
            for (String line; (line = in.next()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                int start = size;
                int cells = 0;
                boolean header = false;
                for (int from = 0; from <= line.length(); ) {
                    int comma = line.indexOf(',', from);
                    int end = comma < 0 ? line.length() : comma;
                    String cell = line.substring(from, end).strip();
                    float value;
                    try {
                        value = Float.parseFloat(cell);
                    } catch (NumberFormatException e) {
                        if (rows == 0 && in.lineNumber() == 1) {
                            header = true;
                            break;
                        }
                        throw new KerasJException(file + ": line " + in.lineNumber() + " has a value that is not a number: expected one sample per row");
                    }
                    if (!Float.isFinite(value)) {
                        // named as written: 1e39 is beyond float32's range, not Infinity
                        throw FiniteValues.refusal(file.toString(), "sample " + rows + " (line " + in.lineNumber() + ")", cells,
                                Double.parseDouble(cell));
                    }
                    if (size == values.length) {
                        values = grow(file, values);
                    }
                    values[size++] = value;
                    cells++;
                    from = end + 1;
                }
                if (header) {
                    size = start;
                    continue;
                }
                if (columns >= 0 && cells != columns) {
                    throw new KerasJException(file + ": line " + in.lineNumber() + " has " + cells + " values, the first row " + columns);
                }
                columns = cells;
                rows++;
            }
        }
        return new Csv(Arrays.copyOf(values, size), rows, Math.max(columns, 0));
    }

    private static float[] grow(Path file, float[] values) {
        long capacity = Math.min((long) values.length * 2, MAX_VALUES);
        if (capacity <= values.length) {
            throw new KerasJException(file + ": more than " + MAX_VALUES + " values: split the input into several files");
        }
        return Arrays.copyOf(values, (int) capacity);
    }

    /**
     * Reads labels: a .npy array, or a text/CSV file with one integer per line.
     *
     * @param file the labels file
     * @return the labels
     */
    static int[] readLabels(Path file) {
        BoundedLines.requireRegularFile(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            float[] v = Npy.read(file).toFloats();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.round(v[i]);
                if (out[i] != v[i]) {
                    throw new KerasJException(file + ": label " + v[i] + " at " + i + " is not an integer");
                }
            }
            return out;
        }
        int[] labels = new int[1024];
        int count = 0;
        try (BoundedLines in = BoundedLines.open(file, MAX_LABEL_LINE_CHARS)) {
            for (String line; (line = in.next()) != null; ) {
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (count == labels.length) {
                    if (labels.length >= MAX_VALUES / 2) {
                        throw new KerasJException(file + ": more than " + labels.length + " labels");
                    }
                    labels = Arrays.copyOf(labels, labels.length * 2);
                }
                try {
                    labels[count++] = Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new KerasJException(file + ": line " + in.lineNumber() + ": label '" + s + "' is not an integer: expected one per line");
                }
            }
        }
        return Arrays.copyOf(labels, count);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public String id(int index) {
        return file + "#" + index;
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public Scale scale() {
        return scale;
    }

    @Override
    public FloatSamples read(int from, int to) {
        int size = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
        return FloatSamples.of(Arrays.copyOfRange(values, from * size, to * size), sampleShape);
    }
}
