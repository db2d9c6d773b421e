package io.kerasj.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasj.data.Dataset;
import io.kerasj.datasets.IdxReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
    @TempDir
    Path dir;

    private static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    private static byte[] labels(byte[] values) {
        return ByteBuffer.allocate(8 + values.length).putInt(IdxReader.LABELS_MAGIC).putInt(values.length).put(values).array();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void streamedElementsEqualTheWholeFileReadForGzipAndPlainFiles() throws IOException {
        byte[] pixels = new byte[30 * 5 * 4];
        new Random(1).nextBytes(pixels);
        byte[] y = new byte[30];
        for (int i = 0; i < 30; i++) {
            y[i] = (byte) (i % 10);
        }
        for (boolean compressed : new boolean[] {true, false}) {
            String suffix = compressed ? ".gz" : "";
            byte[] imageFile = images(30, 5, 4, pixels);
            byte[] labelFile = labels(y);
            Path xPath = file("images" + suffix, compressed ? gzip(imageFile) : imageFile);
            Path yPath = file("labels" + suffix, compressed ? gzip(labelFile) : labelFile);
            Dataset whole = IdxReader.readLabeled(xPath, yPath);
            Pipeline p = Pipeline.fromIdx(xPath, yPath);
            assertEquals(30, p.cardinality());
            for (int epoch = 0; epoch < 2; epoch++) {
                List<Element> elements = Elements.all(p);
                assertEquals(30, elements.size());
                for (int i = 0; i < 30; i++) {
                    HostArray x = elements.get(i).singleX();
                    assertEquals(HostArray.DType.UINT8, x.dtype());
                    assertArrayEquals(new long[] {5, 4}, x.shape());
                    assertArrayEquals(whole.image(i), x.uint8());
                    assertEquals(whole.label(i), elements.get(i).y().get(0).uint8()[0] & 0xFF);
                }
            }
        }
    }

    @Test
    void differentCountsAreRefusedNamingBothFiles() throws IOException {
        Path x = file("x", images(3, 2, 2, new byte[12]));
        Path y = file("y", labels(new byte[2]));
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromIdx(x, y));
        assertTrue(e.getMessage().contains(x.toString()) && e.getMessage().contains(y.toString()), e.getMessage());
    }

    @Test
    void aTruncatedPlainFileIsRefusedBeforeAnyPass() throws IOException {
        Path x = file("x", Arrays.copyOf(images(3, 2, 2, new byte[12]), 25));
        Path y = file("y", labels(new byte[3]));
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromIdx(x, y));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aTruncatedGzipFileIsRefusedAtTheImageWhereItEnds() throws IOException {
        byte[] content = images(100, 8, 8, new byte[6400]);
        Path x = file("x.gz", gzip(Arrays.copyOf(content, 16 + 64 * 40 + 5)));
        Path y = file("y", labels(new byte[100]));
        Pipeline p = Pipeline.fromIdx(x, y);
        PipelineException e = assertThrows(PipelineException.class, () -> Elements.all(p));
        assertTrue(e.getMessage().contains("image 40"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aLyingHeaderIsRefused() throws IOException {
        byte[] huge = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(1).putInt(1 << 16).putInt(1 << 16).array();
        Path x = file("x.gz", gzip(huge));
        Path y = file("y", labels(new byte[1]));
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromIdx(x, y));
        assertTrue(e.getMessage().contains("expected at most"), e.getMessage());
        Path wrongMagic = file("w", labels(new byte[1]));
        PipelineException magic = assertThrows(PipelineException.class, () -> Pipeline.fromIdx(wrongMagic, y));
        assertTrue(magic.getMessage().contains("wrong magic number"), magic.getMessage());
    }

    @Test
    void fromDatasetKeepsUint8SamplesAndIntegerLabels() {
        byte[] pixels = {1, 2, 3, 4, (byte) 200, 6, 7, 8};
        Dataset data = Dataset.ofImages(pixels, 2, 2, new int[] {3, 1}, 4);
        List<Element> elements = Elements.all(Pipeline.fromDataset(data));
        assertEquals(2, elements.size());
        assertEquals("(uint8[2, 2], int32[])", elements.get(1).toString());
        assertArrayEquals(new byte[] {(byte) 200, 6, 7, 8}, elements.get(1).singleX().uint8());
        assertEquals(1, elements.get(1).y().get(0).ints()[0]);
    }
}
