package io.kerasj.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static Pipeline tenRows() {
        float[] x = new float[20];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 3;
        }
        return Pipeline.fromTensorSlices(HostArray.ofFloats(x, 10, 2), HostArray.ofInts(y, 10));
    }

    private static List<Element> all(Pipeline p) {
        List<Element> out = new ArrayList<>();
        try (ElementIterator it = p.iterator(0)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void slicesGiveOneSamplePerElement() {
        List<Element> elements = all(tenRows());
        assertEquals(10, elements.size());
        assertArrayEquals(new long[] {2}, elements.get(3).singleX().shape());
        assertArrayEquals(new float[] {3, -3}, elements.get(3).singleX().floats());
        assertArrayEquals(new int[] {0}, elements.get(3).y().get(0).ints());
    }

    @Test
    void batchStacksAndKeepsTheRemainderUnlessDropped() {
        List<Element> batches = all(tenRows().batch(4));
        assertEquals(3, batches.size());
        assertEquals(3, tenRows().batch(4).cardinality());
        assertArrayEquals(new long[] {4, 2}, batches.get(0).singleX().shape());
        assertArrayEquals(new long[] {2, 2}, batches.get(2).singleX().shape());
        assertArrayEquals(new float[] {8, -8, 9, -9}, batches.get(2).singleX().floats());
        assertEquals(2, all(tenRows().batch(4, true)).size());
        assertEquals(2, tenRows().batch(4, true).cardinality());
    }

    @Test
    void mapFilterTakeSkipRepeatCompose() {
        Pipeline p = tenRows()
                .filter(e -> e.y().get(0).ints()[0] == 0)            // rows 0, 3, 6, 9
                .map(e -> e.mapArrays(a -> a.dtype() == HostArray.DType.FLOAT32
                        ? HostArray.ofFloats(new float[] {a.floats()[0] * 10}, 1) : a))
                .skip(1).take(2).repeat(2);
        List<Float> firsts = all(p).stream().map(e -> e.singleX().floats()[0]).toList();
        assertEquals(List.of(30f, 60f, 30f, 60f), firsts);
        assertEquals(Pipeline.UNKNOWN, p.cardinality());
        assertEquals(4, p.count());
        assertEquals(Pipeline.INFINITE, tenRows().repeat().cardinality());
        assertEquals(25, tenRows().repeat().take(25).count());
        assertEquals(7, tenRows().skip(3).cardinality());
    }

    @Test
    void badArgumentsAndShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> tenRows().batch(0));
        assertThrows(IllegalArgumentException.class,
                () -> Pipeline.fromTensorSlices(HostArray.ofFloats(new float[4], 4), HostArray.ofInts(new int[3], 3)));
        Pipeline ragged = Pipeline.fromGenerator(() -> List.of(
                Element.of(HostArray.ofFloats(new float[2], 2)), Element.of(HostArray.ofFloats(new float[3], 3))).iterator());
        assertThrows(IllegalArgumentException.class, () -> all(ragged.batch(2)));
        assertThrows(PipelineException.class, () -> tenRows().take(0).first());
    }
}
