package io.kerasj.pipeline;

import static io.kerasj.pipeline.Elements.ints;
import static io.kerasj.pipeline.Elements.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleaveStepTest {
    private static Pipeline repeated(Element e, int times) {
        return Pipeline.fromElements(List.of(e)).repeat(times);
    }

    @Test
    void theOrderIsTfDatasDocumentedExample() {
        // tf.data.Dataset.interleave's docstring: range(1, 6), each x repeated 6 times, cycle_length=2, block_length=4
        Pipeline p = range(1, 6).interleave(e -> repeated(e, 6), 2, 4);
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5),
                ints(p));
    }

    @Test
    void blockLengthOneAlternatesAndAnEndedSlotTakesTheNextInput() {
        // x yields x copies of x; as tf.data, finding slot 0's 1 ended moves on to slot 1 before 3 fills slot 0
        Pipeline p = range(1, 4).interleave(e -> repeated(e, e.singleX().ints()[0]), 2);
        assertEquals(List.of(1, 2, 2, 3, 3, 3), ints(p));
    }

    @Test
    void parallelCallsKeepTheSequentialOrderAndEndTheirThreads() throws InterruptedException {
        java.util.function.Function<Element, Pipeline> f = e -> repeated(e, e.singleX().ints()[0] % 7 + 1);
        List<Integer> sequential = ints(range(0, 40).interleave(f, 3, 2));
        Pipeline parallel = range(0, 40).interleave(f, 3, 2, 2);
        assertEquals(sequential, ints(parallel));
        assertEquals(sequential, ints(parallel));
        try (ElementIterator it = parallel.iterator(0)) {
            it.next(); // stopped early: close ends the read-ahead threads
        }
        PrefetchStepTest.awaitNoThreads(PrefetchStep.THREAD_PREFIX);
    }

    @Test
    void readsSeveralNpyFilesByPath(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        io.kerasj.data.Npy.write(a, io.kerasj.data.NpyArray.ofInt32(new int[] {0, 2, 4}, 3));
        io.kerasj.data.Npy.write(b, io.kerasj.data.NpyArray.ofInt32(new int[] {1, 3, 5}, 3));
        Pipeline p = Pipeline.fromPaths(List.of(a, b)).interleave(f -> Pipeline.fromNpy(Pipeline.pathOf(f)), 2);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), ints(p));
    }
}
