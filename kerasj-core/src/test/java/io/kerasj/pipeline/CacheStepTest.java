package io.kerasj.pipeline;

import static io.kerasj.pipeline.Elements.ints;
import static io.kerasj.pipeline.Elements.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStepTest {
    private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

    /** range(0, 10) that counts how many elements its source produced. */
    private static Pipeline counted(AtomicInteger reads) {
        return range(0, 10).map(e -> {
            reads.incrementAndGet();
            return e;
        });
    }

    @Test
    void memoryCacheReadsTheSourceOnce() {
        AtomicInteger reads = new AtomicInteger();
        Pipeline p = counted(reads).cache();
        assertEquals(TEN, ints(p, 0));
        assertEquals(TEN, ints(p, 1));
        assertEquals(TEN, ints(p, 2));
        assertEquals(10, reads.get());
    }

    @Test
    void anIncompleteFirstPassDoesNotPoisonTheMemoryCache() {
        AtomicInteger reads = new AtomicInteger();
        Pipeline p = counted(reads).cache();
        assertEquals(List.of(0, 1, 2), ints(p.take(3)));
        assertEquals(TEN, ints(p));
        assertEquals(TEN, ints(p));
        assertEquals(13, reads.get());
    }

    @Test
    void cacheThenShuffleShufflesTheCachedElementsEachEpoch() {
        Pipeline p = range(0, 10).cache().shuffle(10, 1);
        List<Integer> a = ints(p, 0);
        List<Integer> b = ints(p, 1);
        assertEquals(TEN, a.stream().sorted().toList());
        assertFalse(a.equals(b));
    }

    @Test
    void fileCacheIsWrittenWholeOnTheFirstCompletePassAndReadByLaterRuns(@TempDir Path dir) {
        Path file = dir.resolve("train.cache");
        AtomicInteger reads = new AtomicInteger();
        Pipeline first = counted(reads).cache(file);
        assertEquals(List.of(0, 1, 2), ints(first.take(3)));
        assertFalse(Files.exists(file), "a pass stopped early publishes nothing");
        assertEquals(List.of(), leftovers(dir), "and leaves no temporary");
        assertEquals(TEN, ints(first));
        assertTrue(Files.exists(file));
        assertEquals(13, reads.get());
        // a later run: a new pipeline of the same recipe reads the file, not the source
        AtomicInteger later = new AtomicInteger();
        Pipeline second = counted(later).cache(file);
        assertEquals(10, second.cardinality());
        assertEquals(TEN, ints(second, 4));
        assertEquals(0, later.get());
    }

    @Test
    void fileCacheKeepsDtypesShapesAndNames(@TempDir Path dir) {
        Element e = Element.named(
                Map.of("image", HostArray.ofUint8(new byte[] {(byte) 255, 0, 7, 9}, 2, 2)),
                Map.of("label", HostArray.ofLongs(new long[] {Long.MAX_VALUE}),
                        "text", HostArray.ofStrings(new byte[][] {"é".getBytes(java.nio.charset.StandardCharsets.UTF_8)})));
        Element f = Element.of(List.of(HostArray.ofFloats(new float[] {1.5f, Float.NaN}, 2), HostArray.ofInts(new int[] {-3}, 1)),
                List.of());
        Path file = dir.resolve("c.cache");
        for (Element element : List.of(e, f)) {
            Path target = file.resolveSibling(element.hashCode() + ".cache");
            Pipeline p = Pipeline.fromElements(List.of(element)).cache(target);
            Elements.all(p);
            Element back = Elements.all(Pipeline.fromElements(List.of(element)).cache(target)).get(0);
            assertEquals(element.toString(), back.toString());
            assertEquals(element.xNames(), back.xNames());
            assertEquals(element.yNames(), back.yNames());
            for (int i = 0; i < element.x().size(); i++) {
                assertArrayEquals(bytes(element.x().get(i)), bytes(back.x().get(i)));
            }
            for (int i = 0; i < element.y().size(); i++) {
                assertArrayEquals(bytes(element.y().get(i)), bytes(back.y().get(i)));
            }
        }
    }

    private static byte[] bytes(HostArray a) {
        return switch (a.dtype()) {
            case UINT8 -> a.uint8();
            case STRING -> a.strings()[0];
            case INT64 -> Arrays.toString(a.longs()).getBytes();
            case INT32 -> Arrays.toString(a.ints()).getBytes();
            case FLOAT32 -> Arrays.toString(a.floats()).getBytes();
        };
    }

    @Test
    void aForeignFileIsRefusedInOneLineAndLeftUntouched(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.cache");
        Files.writeString(file, "precious user data\n");
        PipelineException e = assertThrows(PipelineException.class, () -> range(0, 10).cache(file));
        assertTrue(e.getMessage().contains("expected a KerasJ pipeline cache file"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("precious user data\n", Files.readString(file));
    }

    @Test
    void theCacheOfAnotherPipelineIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("a.cache");
        Elements.all(range(0, 10).cache(file));
        byte[] before = read(file);
        PipelineException e = assertThrows(PipelineException.class, () -> range(0, 10).batch(2).cache(file));
        assertTrue(e.getMessage().contains("another pipeline"), e.getMessage());
        assertArrayEquals(before, read(file));
    }

    @Test
    void aTruncatedCacheIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.cache");
        Elements.all(range(0, 100).cache(file));
        byte[] whole = read(file);
        for (int cut : new int[] {whole.length - 1, whole.length / 2, 30, 10, 3}) {
            Files.write(file, Arrays.copyOf(whole, cut));
            PipelineException e = assertThrows(PipelineException.class, () -> range(0, 100).cache(file), "cut at " + cut);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(cut, Files.size(file));
        }
    }

    @Test
    void aLyingLengthInsideTheCacheIsRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("l.cache");
        Elements.all(range(0, 3).cache(file));
        byte[] bytes = read(file);
        // the first array's first dimension: after the magic, the description, the element mark, x count and flag,
        // the dtype and rank bytes; int32 scalars have rank 0, so corrupt the x count instead
        int description = java.nio.ByteBuffer.wrap(bytes, CacheFile.MAGIC.length, 4).getInt();
        int xCount = CacheFile.MAGIC.length + 4 + description + 1;
        java.nio.ByteBuffer.wrap(bytes).putInt(xCount, 1 << 20);
        Files.write(file, bytes);
        Pipeline p = range(0, 3).cache(file);
        PipelineException e = assertThrows(PipelineException.class, () -> Elements.all(p));
        assertTrue(e.getMessage().contains("at element 0"), e.getMessage());
    }

    @Test
    void corruptedCachesFailInOneLineOrReadNeverAnythingElse(@TempDir Path dir) throws IOException {
        // hostile bytes: every corruption either still reads or is refused as a PipelineException; no other
        // exception, no hang, no huge allocation
        Path file = dir.resolve("f.cache");
        Element e = Element.named(Map.of("a", HostArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)),
                Map.of("b", HostArray.ofStrings(new byte[][] {{1, 2}, {3}}, 2)));
        Pipeline recipe = Pipeline.fromElements(List.of(e, e, e));
        Elements.all(recipe.cache(file));
        byte[] whole = read(file);
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 150; trial++) {
            byte[] bytes = whole.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, bytes);
            try {
                Elements.all(recipe.cache(file));
            } catch (PipelineException refused) {
                assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
            }
        }
    }

    private static List<Path> leftovers(Path dir) {
        try (var files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
