package io.kerasj.data;

import io.kerasj.datasets.FashionMnist;
import io.kerasj.datasets.IdxReader;

import io.kerasj.testing.FashionMnistData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests, and shares the real Fashion-MNIST data loaded once per JVM. */
public final class TestIdx {
    private static TrainTest real;

    private TestIdx() {
    }

    /** @return the folder holding the real Fashion-MNIST files; skips the calling test, saying why, where there is none */
    public static Path dir() {
        return FashionMnistData.dir();
    }

    public static synchronized TrainTest real() {
        if (real == null) {
            real = FashionMnist.load(dir());
        }
        return real;
    }

    public static byte[] imagesContent(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    /** The IDX3 content of real images. */
    public static byte[] imagesContent(Dataset images) {
        byte[] pixels = images.pixels();
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(images.count()).putInt(images.rows()).putInt(images.cols()).put(pixels);
        return b.array();
    }

    public static byte[] labelsContent(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    public static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(content);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeGz(Path file, byte[] content) throws IOException {
        Files.write(file, gzip(content));
        return file;
    }

    /**
     * A directory with all four file names present as empty placeholders: enough for locating, which only checks
     * presence; loading fails on the first file that is not replaced by real content.
     */
    public static Path placeholderDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FashionMnist.IdxFile f : FashionMnist.IdxFile.values()) {
            Files.write(dir.resolve(f.fileName()), new byte[0]);
        }
        return dir;
    }
}
