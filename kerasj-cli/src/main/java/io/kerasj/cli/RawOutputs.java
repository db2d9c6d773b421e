package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kerasj predict --save-outputs}: the raw outputs of every sample, gathered batch by batch and written as
 * NumPy reads them: a {@code .npy} of shape {@code [N, ...]} for one output, a {@code .npz} with one array per
 * output name ({@code np.load(f)["aux_output"]}) for any number. Each output's array is allocated once, when its
 * per-sample size is known, after checking that all samples fit.
 */
final class RawOutputs {
    /** The most values one output may hold (a Java array's bound). */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private final Path target;
    private final List<String> names;
    private final long total;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, int[]> sampleShapes = new LinkedHashMap<>();
    private final Map<String, Integer> filled = new LinkedHashMap<>();

    /**
     * @param target the file named on the command line, for messages
     * @param names the outputs to keep
     * @param total how many samples will be added
     */
    RawOutputs(Path target, List<String> names, long total) {
        this.target = target;
        this.names = List.copyOf(names);
        this.total = total;
    }

    /** @return true for a {@code .npz} name (several outputs by name), false for {@code .npy} */
    static boolean isNpz(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    /** @return true when the name ends in {@code .npy} or {@code .npz} */
    static boolean accepts(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz");
    }

    /** @param batch the model's outputs for the next samples, by name (others than the kept ones are ignored) */
    void add(Map<String, FloatSamples> batch) {
        for (String name : names) {
            FloatSamples s = batch.get(name);
            float[] into = values.get(name);
            if (into == null) {
                long size = (long) s.sampleSize() * total;
                if (size > MAX_VALUES) {
                    throw new KerasJException("--save-outputs " + target + ": output " + name + " has " + s.sampleSize()
                            + " values per sample, " + total + " samples of them do not fit in one array: save fewer samples per run");
                }
                into = new float[(int) size];
                values.put(name, into);
                sampleShapes.put(name, s.sampleShape());
                filled.put(name, 0);
            } else if (!Arrays.equals(sampleShapes.get(name), s.sampleShape())) {
                throw new KerasJException("--save-outputs " + target + ": output " + name + " has samples of shape "
                        + Arrays.toString(s.sampleShape()) + " in one batch and " + Arrays.toString(sampleShapes.get(name)) + " in another");
            }
            int at = filled.get(name);
            System.arraycopy(s.unsafeValues(), 0, into, at, s.unsafeValues().length);
            filled.put(name, at + s.unsafeValues().length);
        }
    }

    /** @return each kept output's array shape {@code [N, ...]}, by name */
    Map<String, long[]> shapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String name : names) {
            int[] sample = sampleShapes.getOrDefault(name, new int[0]);
            long[] shape = new long[sample.length + 1];
            shape[0] = values.containsKey(name) ? filled.get(name) / Math.max(1, Arrays.stream(sample).reduce(1, Math::multiplyExact)) : 0;
            for (int d = 0; d < sample.length; d++) {
                shape[d + 1] = sample[d];
            }
            out.put(name, shape);
        }
        return out;
    }

    /**
     * Writes the file (into a staging folder, published by the caller).
     *
     * @param file where to write: a {@code .npy} for one output, a {@code .npz} for any number
     * @throws IOException when it cannot be written
     */
    void write(Path file) throws IOException {
        Map<String, long[]> shapes = shapes();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (String name : names) {
            float[] v = values.getOrDefault(name, new float[0]);
            int used = filled.getOrDefault(name, 0);
            arrays.put(name, NpyArray.ofFloat32(used == v.length ? v : Arrays.copyOf(v, used), shapes.get(name)));
        }
        if (isNpz(file)) {
            Npz.write(file, arrays, false);
        } else {
            Npy.write(file, arrays.values().iterator().next());
        }
    }
}
