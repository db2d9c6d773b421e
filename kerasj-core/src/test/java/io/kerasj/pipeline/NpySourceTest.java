package io.kerasj.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpySourceTest {
    @TempDir
    Path dir;

    private Path write(String name, NpyArray array) throws IOException {
        return Npy.write(dir.resolve(name), array);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void uint8SlicesEqualTheFullLoadAndStayUint8() throws IOException {
        byte[] pixels = randomBytes(50 * 4 * 3, 1);
        Path x = write("x.npy", NpyArray.ofUint8(pixels, 50, 4, 3));
        Path y = write("y.npy", NpyArray.ofUint8(randomBytes(50, 2), 50));
        Pipeline p = Pipeline.fromNpy(x, y);
        assertEquals(50, p.cardinality());
        float[] full = Npy.read(x).toFloats();
        float[] labels = Npy.read(y).toFloats();
        List<Element> elements = Elements.all(p);
        assertEquals(50, elements.size());
        for (int i = 0; i < 50; i++) {
            HostArray xi = elements.get(i).singleX();
            assertEquals(HostArray.DType.UINT8, xi.dtype());
            assertArrayEquals(new long[] {4, 3}, xi.shape());
            assertArrayEquals(Arrays.copyOfRange(full, i * 12, (i + 1) * 12), xi.toFloats());
            assertArrayEquals(new long[] {}, elements.get(i).y().get(0).shape());
            assertEquals(labels[i], elements.get(i).y().get(0).toFloats()[0]);
        }
    }

    @Test
    void float32AndTheBatchedFastPathEqualBatchingElements() throws IOException {
        float[] values = new float[37 * 5];
        Random r = new Random(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        Path x = write("x.npy", NpyArray.ofFloat32(values, 37, 5));
        Path y = write("y.npy", NpyArray.ofInt64(new long[37], 37, 1));
        Pipeline p = Pipeline.fromNpy(x, y);
        assertArrayEquals(Npy.read(x).toFloats(), HostArray.concat(Elements.all(p).stream()
                .map(e -> e.singleX().reshape(1, 5)).toList()).floats());
        for (boolean drop : new boolean[] {false, true}) {
            List<Element> fast = Elements.all(p.batch(8, drop));
            List<Element> slow = Elements.all(p.map(e -> e).batch(8, drop));
            assertEquals(slow.size(), fast.size());
            assertEquals(p.batch(8, drop).cardinality(), fast.size());
            for (int i = 0; i < fast.size(); i++) {
                assertEquals(slow.get(i).toString(), fast.get(i).toString());
                assertArrayEquals(slow.get(i).singleX().floats(), fast.get(i).singleX().floats());
                assertArrayEquals(slow.get(i).y().get(0).longs(), fast.get(i).y().get(0).longs());
            }
        }
    }

    @Test
    void int32KeepsItsDtypeAndFloat64BecomesFloat32WithoutTargets() throws IOException {
        Path ints = write("i.npy", NpyArray.ofInt32(new int[] {7, -8, 9}, 3));
        assertEquals(List.of(7, -8, 9), Elements.ints(Pipeline.fromNpy(ints)));
        Path doubles = write("d.npy", NpyArray.ofFloat64(new double[] {0.5, 1e300, -2}, 3));
        List<Element> d = Elements.all(Pipeline.fromNpy(doubles));
        assertEquals(HostArray.DType.FLOAT32, d.get(0).singleX().dtype());
        assertEquals(0.5f, d.get(0).singleX().floats()[0]);
        assertEquals(Float.POSITIVE_INFINITY, d.get(1).singleX().floats()[0]);
        assertFalse(d.get(0).hasTargets());
    }

    @Test
    void differentCountsAreRefusedNamingBothFiles() throws IOException {
        Path x = write("x.npy", NpyArray.ofUint8(new byte[6], 3, 2));
        Path y = write("y.npy", NpyArray.ofUint8(new byte[2], 2));
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromNpy(x, y));
        assertTrue(e.getMessage().contains("x.npy") && e.getMessage().contains("y.npy"), e.getMessage());
    }

    @Test
    void aTruncatedFileOrALyingHeaderIsRefusedInOneLine() throws IOException {
        Path x = write("x.npy", NpyArray.ofFloat32(new float[40], 10, 4));
        byte[] whole = Files.readAllBytes(x);
        Files.write(x, Arrays.copyOf(whole, whole.length - 3));
        PipelineException truncated = assertThrows(PipelineException.class, () -> Pipeline.fromNpy(x));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        assertFalse(truncated.getMessage().contains("\n"));
        // the header claims a huge first axis: refused before anything is mapped or allocated
        String text = new String(whole, StandardCharsets.ISO_8859_1).replace("(10, 4), }        ", "(2000000000, 4), }");
        Files.write(x, text.getBytes(StandardCharsets.ISO_8859_1));
        PipelineException lying = assertThrows(PipelineException.class, () -> Pipeline.fromNpy(x));
        assertTrue(lying.getMessage().contains("expected 32000000000 data bytes"), lying.getMessage());
        Path bool = dir.resolve("b.npy");
        Files.write(bool, new String(whole, StandardCharsets.ISO_8859_1).replace("'<f4'", "'|b1'").getBytes(StandardCharsets.ISO_8859_1));
        PipelineException dtype = assertThrows(PipelineException.class, () -> Pipeline.fromNpy(bool));
        assertTrue(dtype.getMessage().contains("expected dtype"), dtype.getMessage());
    }

    @Test
    void aFileShrunkAfterTheStartIsRefusedAtTheNextPass() throws IOException {
        Path x = write("x.npy", NpyArray.ofUint8(new byte[100], 100));
        Pipeline p = Pipeline.fromNpy(x);
        assertEquals(100, Elements.all(p).size());
        byte[] whole = Files.readAllBytes(x);
        Files.write(x, Arrays.copyOf(whole, whole.length - 10));
        PipelineException e = assertThrows(PipelineException.class, () -> p.iterator(1));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    void slicesAcrossMapWindowsAreWhole() throws IOException {
        // windows of 10 bytes: float32 and int64 values straddle their ends, uint8 rows span several
        float[] floats = new float[23];
        long[] longs = new long[23];
        byte[] bytes = randomBytes(23 * 7, 5);
        for (int i = 0; i < 23; i++) {
            floats[i] = i * 1.5f - 4;
            longs[i] = (long) i << 40 | i;
        }
        MappedNpy f = new MappedNpy(write("f.npy", NpyArray.ofFloat32(floats, 23)), 10);
        MappedNpy l = new MappedNpy(write("l.npy", NpyArray.ofInt64(longs, 23)), 10);
        MappedNpy b = new MappedNpy(write("b.npy", NpyArray.ofUint8(bytes, 23, 7)), 10);
        assertArrayEquals(floats, f.slice(0, 23).floats());
        assertArrayEquals(Arrays.copyOfRange(floats, 5, 17), f.slice(5, 17).floats());
        assertArrayEquals(longs, l.slice(0, 23).longs());
        assertArrayEquals(Arrays.copyOfRange(longs, 3, 4), l.slice(3, 4).longs());
        assertArrayEquals(bytes, b.slice(0, 23).uint8());
        assertArrayEquals(Arrays.copyOfRange(bytes, 7 * 4, 7 * 9), b.slice(4, 9).uint8());
    }
}
