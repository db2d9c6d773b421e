package io.kerasj.savedmodel;

import io.kerasj.data.FloatSamples;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** Test fixture: the Fashion-MNIST test set from the Debian package's gzip'd IDX files (pixels / 255). */
final class TestImages {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static FloatSamples images;
    private static int[] labels;

    private TestImages() {
    }

    static synchronized FloatSamples images() {
        load();
        return images;
    }

    static synchronized int[] labels() {
        load();
        return labels.clone();
    }

    private static void load() {
        if (images != null) {
            return;
        }
        Path img = DIR.resolve("t10k-images-idx3-ubyte.gz");
        Path lab = DIR.resolve("t10k-labels-idx1-ubyte.gz");
        Assumptions.assumeTrue(Files.isRegularFile(img) && Files.isRegularFile(lab),
                "Fashion-MNIST test files not found in " + DIR + " (apt-get install dataset-fashion-mnist)");
        try (DataInputStream in = open(img); DataInputStream ln = open(lab)) {
            if (in.readInt() != 2051 || ln.readInt() != 2049) {
                throw new IllegalStateException("bad IDX magic in " + DIR);
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] px = in.readNBytes(n * rows * cols);
            float[] v = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                v[i] = (px[i] & 0xff) / 255.0f;
            }
            int m = ln.readInt();
            byte[] lb = ln.readNBytes(m);
            labels = new int[m];
            for (int i = 0; i < m; i++) {
                labels[i] = lb[i];
            }
            images = FloatSamples.of(v, rows, cols);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
    }
}
