package io.kerasj.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read cost of one epoch of Fashion-MNIST-sized data (60000 x 28 x 28 uint8) from .npy files; prints figures. */
@Tag("slow")
class NpyEpochCostTest {
    private static final int N = 60_000;

    @Test
    void oneEpochOfFashionMnistSizedNpy(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[N * 28 * 28];
        new Random(0).nextBytes(pixels);
        byte[] labels = new byte[N];
        new Random(1).nextBytes(labels);
        Path x = Npy.write(dir.resolve("x.npy"), NpyArray.ofUint8(pixels, N, 28, 28));
        Path y = Npy.write(dir.resolve("y.npy"), NpyArray.ofUint8(labels, N));
        Pipeline source = Pipeline.fromNpy(x, y);
        report("elements", source, N);
        report("batch(32), fast path", source.batch(32), (N + 31) / 32);
        report("batch(32), element by element", source.map(e -> e).batch(32), (N + 31) / 32);
        report("shuffle(60000).batch(32)", source.shuffle(N, 1).batch(32), (N + 31) / 32);
        Pipeline inMemory = Pipeline.fromTensorSlices(HostArray.ofUint8(pixels, N, 28, 28), HostArray.ofUint8(labels, N));
        report("in memory from_tensor_slices.batch(32)", inMemory.batch(32), (N + 31) / 32);
        Path images = dir.resolve("images.gz");
        Path idxLabels = dir.resolve("labels.gz");
        gzip(images, java.nio.ByteBuffer.allocate(16).putInt(0x803).putInt(N).putInt(28).putInt(28).array(), pixels);
        gzip(idxLabels, java.nio.ByteBuffer.allocate(8).putInt(0x801).putInt(N).array(), labels);
        report("IDX .gz, streamed, batch(32)", Pipeline.fromIdx(images, idxLabels).batch(32), (N + 31) / 32);
    }

    private static void gzip(Path file, byte[] header, byte[] body) throws IOException {
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(file))) {
            out.write(header);
            out.write(body);
        }
    }

    private static void report(String what, Pipeline p, long expected) {
        long best = Long.MAX_VALUE;
        for (int epoch = 0; epoch < 4; epoch++) {
            long start = System.nanoTime();
            long n = 0;
            try (ElementIterator it = p.iterator(epoch)) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
            assertEquals(expected, n);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("npy epoch read cost | %-40s | %8.1f ms%n", what, best / 1e6);
    }
}
