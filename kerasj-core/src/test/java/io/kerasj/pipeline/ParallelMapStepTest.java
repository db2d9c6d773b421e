package io.kerasj.pipeline;

import static io.kerasj.pipeline.Elements.ints;
import static io.kerasj.pipeline.Elements.range;
import static io.kerasj.pipeline.PrefetchStepTest.awaitNoThreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelMapStepTest {
    private static Element doubled(Element e) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // finish out of order
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return Element.of(HostArray.scalar(e.singleX().ints()[0] * 2));
    }

    @Test
    void keepsTheInputOrderWhileRunningOnSeveralThreads() throws InterruptedException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Pipeline p = range(0, 300).map(e -> {
            threads.add(Thread.currentThread().getName());
            return doubled(e);
        }, 4);
        assertEquals(IntStream.range(0, 300).map(i -> 2 * i).boxed().toList(), ints(p));
        assertEquals(300, p.cardinality());
        assertTrue(threads.size() > 1, "ran on " + threads);
        awaitNoThreads(ParallelMapStep.THREAD_PREFIX);
    }

    @Test
    void boundsTheWorkInFlight() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        Pipeline p = range(0, 1000).map(e -> {
            started.incrementAndGet();
            return e;
        }, 3);
        try (ElementIterator it = p.iterator(0)) {
            it.next();
            Thread.sleep(100);
            assertTrue(started.get() <= 4, "started " + started.get());
        }
        awaitNoThreads(ParallelMapStep.THREAD_PREFIX);
    }

    @Test
    void anExceptionOfTheFunctionSurfacesUnchanged() throws InterruptedException {
        IllegalArgumentException boom = new IllegalArgumentException("no");
        Pipeline p = range(0, 20).map(e -> {
            if (e.singleX().ints()[0] == 5) {
                throw boom;
            }
            return e;
        }, 3);
        try (ElementIterator it = p.iterator(0)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, it.next().singleX().ints()[0]);
            }
            assertSame(boom, assertThrows(IllegalArgumentException.class, it::next));
        }
        awaitNoThreads(ParallelMapStep.THREAD_PREFIX);
    }

    @Test
    void oneCallOrAutotuneWork() {
        assertEquals(IntStream.range(0, 10).boxed().toList(), ints(range(0, 10).map(e -> e, 1)));
        assertEquals(IntStream.range(0, 10).boxed().toList(), ints(range(0, 10).map(e -> e, Pipeline.AUTOTUNE)));
        assertThrows(IllegalArgumentException.class, () -> range(0, 10).map(e -> e, 0));
    }
}
