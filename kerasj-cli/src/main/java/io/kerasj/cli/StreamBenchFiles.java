package io.kerasj.cli;

import io.kerasj.data.Dataset;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.tfrecord.TFRecordCompression;
import io.kerasj.pipeline.tfrecord.TFRecordWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files {@code kerasj bench --stream} trains from, in a temporary folder of its own that it deletes at the end:
 * the training set as {@code .npy} (uint8 images, int32 labels), as TFRecord shards of {@code tf.train.Example}s
 * (feature {@code image}: the pixels as one bytes value, {@code label}: one int64), and tiled as one larger
 * {@code .npy} pair.
 */
final class StreamBenchFiles implements AutoCloseable {
    static final int SHARDS = 10;

    private final Path root;

    private StreamBenchFiles(Path root) {
        this.root = root;
    }

    /** @return a new, empty temporary folder */
    static StreamBenchFiles create() throws IOException {
        return new StreamBenchFiles(Files.createTempDirectory("kerasj-bench-stream-"));
    }

    /** @return the folder holding {@code x.npy} and {@code y.npy} of {@code data} repeated {@code tiles} times */
    Path npy(String name, Dataset data, int tiles) throws IOException {
        Path folder = Files.createDirectory(root.resolve(name));
        byte[] pixels = data.x().bytes();
        int[] labels = data.labels();
        byte[] x = new byte[Math.multiplyExact(pixels.length, tiles)];
        int[] y = new int[Math.multiplyExact(labels.length, tiles)];
        for (int t = 0; t < tiles; t++) {
            System.arraycopy(pixels, 0, x, t * pixels.length, pixels.length);
            System.arraycopy(labels, 0, y, t * labels.length, labels.length);
        }
        long[] shape = data.shape().clone();
        shape[0] = (long) data.count() * tiles;
        Npy.write(folder.resolve("x.npy"), NpyArray.ofUint8(x, shape));
        Npy.write(folder.resolve("y.npy"), NpyArray.ofInt32(y, shape[0]));
        return folder;
    }

    /** @return the TFRecord shards of {@code data}, one Example per image, images dealt to the shards in turn */
    List<Path> records(Dataset data) {
        Path folder = root.resolve("records");
        try {
            Files.createDirectory(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        byte[] pixels = data.x().bytes();
        int[] labels = data.labels();
        int size = pixels.length / data.count();
        List<Path> files = new ArrayList<>();
        List<TFRecordWriter> writers = new ArrayList<>();
        try {
            for (int s = 0; s < SHARDS; s++) {
                Path file = folder.resolve(String.format("part-%05d.tfrecord", s));
                files.add(file);
                writers.add(TFRecordWriter.create(file, TFRecordCompression.NONE));
            }
            for (int i = 0; i < data.count(); i++) {
                Map<String, HostArray> features = new LinkedHashMap<>();
                features.put("image", HostArray.ofStrings(new byte[][] {Arrays.copyOfRange(pixels, i * size, (i + 1) * size)}));
                features.put("label", HostArray.ofLongs(new long[] {labels[i]}, 1));
                writers.get(i % SHARDS).writeExample(features);
            }
            for (TFRecordWriter w : writers) {
                w.commit();
            }
        } finally {
            writers.forEach(TFRecordWriter::close);
        }
        return files;
    }

    /** @return a path in the folder for a file the bench writes */
    Path file(String name) {
        return root.resolve(name);
    }

    /** Deletes the folder and everything in it: it is the bench's own, made by {@link #create()}. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
