package io.kerasj.pipeline;

import static io.kerasj.pipeline.Elements.ints;
import static io.kerasj.pipeline.Elements.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefetchStepTest {
    static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }

    static void awaitNoThreads(String prefix) throws InterruptedException {
        for (int i = 0; i < 200 && liveThreads(prefix) > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, liveThreads(prefix), "threads named " + prefix + "* still alive");
    }

    @Test
    void keepsTheOrderAndTheCardinality() throws InterruptedException {
        Pipeline p = range(0, 1000).prefetch(4);
        assertEquals(IntStream.range(0, 1000).boxed().toList(), ints(p));
        assertEquals(1000, p.cardinality());
        awaitNoThreads(PrefetchStep.THREAD_PREFIX);
    }

    @Test
    void readsAheadOnAnotherThreadAndNoMoreThanTheBuffer() throws InterruptedException {
        AtomicInteger produced = new AtomicInteger();
        AtomicBoolean onOtherThread = new AtomicBoolean();
        Thread consumer = Thread.currentThread();
        Pipeline p = range(0, 100).map(e -> {
            produced.incrementAndGet();
            onOtherThread.set(Thread.currentThread() != consumer);
            return e;
        }).prefetch(3);
        try (ElementIterator it = p.iterator(0)) {
            it.next();
            Thread.sleep(200);
            // one handed out, three queued, one held by the blocked reader
            assertTrue(produced.get() <= 5, "read ahead " + produced.get());
            assertTrue(produced.get() >= 4, "read ahead " + produced.get());
            assertTrue(onOtherThread.get());
        }
        awaitNoThreads(PrefetchStep.THREAD_PREFIX);
    }

    @Test
    void aRuntimeExceptionSurfacesUnchangedAfterTheElementsBeforeIt() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("bad record 3");
        Pipeline p = range(0, 10).map(e -> {
            if (e.singleX().ints()[0] == 3) {
                throw boom;
            }
            return e;
        }).prefetch(2);
        try (ElementIterator it = p.iterator(0)) {
            assertEquals(0, it.next().singleX().ints()[0]);
            assertEquals(1, it.next().singleX().ints()[0]);
            assertEquals(2, it.next().singleX().ints()[0]);
            assertSame(boom, assertThrows(IllegalStateException.class, it::hasNext));
        }
        awaitNoThreads(PrefetchStep.THREAD_PREFIX);
    }

    @Test
    void aCheckedExceptionIsWrappedOnce() {
        Pipeline p = Pipeline.fromGenerator(() -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Element next() {
                throw sneaky(new IOException("disk gone"));
            }
        }).prefetch(2);
        try (ElementIterator it = p.iterator(0)) {
            PipelineException e = assertThrows(PipelineException.class, it::hasNext);
            assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
        }
        UncheckedIOException unchecked = new UncheckedIOException(new IOException("x"));
        Pipeline q = Pipeline.fromGenerator(() -> List.<Element>of().iterator()).map(e -> e).prefetch(1)
                .map(e -> { throw unchecked; });
        assertEquals(List.of(), ints(q));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void closeStopsTheThreadWhenTheConsumerStopsEarlyAndClosesTheSource() throws InterruptedException {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        Pipeline endless = Pipeline.fromGenerator(() -> new ElementIterator() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Element next() {
                return Element.of(HostArray.scalar(i++));
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        });
        for (int round = 0; round < 20; round++) {
            try (ElementIterator it = endless.prefetch(8).iterator(round)) {
                it.next();
            }
        }
        awaitNoThreads(PrefetchStep.THREAD_PREFIX);
        assertTrue(sourceClosed.get());
    }

    @Test
    void aBufferBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> range(0, 3).prefetch(0));
    }
}
