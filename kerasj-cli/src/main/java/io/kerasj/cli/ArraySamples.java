package io.kerasj.cli;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Samples given as numbers: a {@code .npy} array of shape [N, ...] or one sample's shape (float32, float64 or
 * uint8), or a CSV file with one sample per row (a first row that is not numbers is a header). The values per
 * sample must equal the model's input size; they are reshaped to its input shape and multiplied by the scale.
 */
final class ArraySamples implements SampleSource {
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
        boolean npy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        long[] arrayShape;
        float[] values;
        if (npy) {
            NpyArray a = Npy.read(file);
            arrayShape = a.shape();
            values = a.toFloats();
        } else {
            float[][] rows = csv(file);
            values = new float[rows.length * (rows.length == 0 ? 0 : rows[0].length)];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, values, i * rows[i].length, rows[i].length);
            }
            arrayShape = new long[] {rows.length, rows.length == 0 ? 0 : rows[0].length};
        }
        int[] sample = sampleShape(file, shape, arrayShape);
        int size = Arrays.stream(sample).reduce(1, Math::multiplyExact);
        int count = size == 0 ? 0 : values.length / size;
        if (count * size != values.length || count == 0) {
            throw new KerasJException(file + ": an array of shape " + Arrays.toString(arrayShape) + " holds no whole samples of shape "
                    + Arrays.toString(sample) + ": expected [N, " + Arrays.toString(sample).replace("[", "").replace("]", "") + "]");
        }
        if (labels != null && labels.length != count) {
            throw new KerasJException(file + ": " + count + " samples but " + labels.length + " labels");
        }
        if (scale != Scale.NONE) {
            for (int i = 0; i < values.length; i++) {
                values[i] = scale.apply(values[i]);
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
            throw new KerasJException(file + ": an array of shape " + Arrays.toString(array) + ", the model takes samples of shape "
                    + Arrays.toString(model) + ": expected [N, " + Arrays.toString(resolved).replace("[", "").replace("]", "") + "]");
        }
        return Arrays.stream(resolved).mapToInt(d -> (int) d).toArray();
    }

    private static float[][] csv(Path file) {
        java.util.List<float[]> rows = new java.util.ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                float[] row = new float[cells.length];
                try {
                    for (int i = 0; i < cells.length; i++) {
                        row[i] = Float.parseFloat(cells[i].strip());
                    }
                } catch (NumberFormatException e) {
                    if (rows.isEmpty() && lineNo == 1) {
                        continue;
                    }
                    throw new KerasJException(file + ": line " + lineNo + " has a value that is not a number: expected one sample per row");
                }
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new KerasJException(file + ": line " + lineNo + " has " + row.length + " values, the first row " + rows.get(0).length);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new KerasJException(file + ": cannot read: " + e.getMessage(), e);
        }
        return rows.toArray(float[][]::new);
    }

    /**
     * Reads labels: a .npy array, or a text/CSV file with one integer per line.
     *
     * @param file the labels file
     * @return the labels
     */
    static int[] readLabels(Path file) {
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
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).mapToInt(s -> {
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new KerasJException(file + ": label '" + s + "' is not an integer: expected one per line");
                }
            }).toArray();
        } catch (IOException e) {
            throw new KerasJException(file + ": cannot read: " + e.getMessage(), e);
        }
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
