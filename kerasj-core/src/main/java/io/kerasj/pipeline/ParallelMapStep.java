package io.kerasj.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * {@code Dataset.map(f, num_parallel_calls=n)} with {@code deterministic=True}: up to {@code n} elements are mapped
 * at once on the pass's own daemon threads, and handed out in the input's order. The input is read on the consumer's
 * thread; at most {@code n} results are in flight. What {@code f} throws surfaces unchanged on the consumer's thread
 * (a checked exception wrapped in a {@link PipelineException}); closing the pass stops its threads.
 */
final class ParallelMapStep extends Pipeline {
    static final String THREAD_PREFIX = "kerasj-map-";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Pipeline input;
    private final UnaryOperator<Element> f;
    private final int numParallelCalls;

    ParallelMapStep(Pipeline input, UnaryOperator<Element> f, int numParallelCalls) {
        if (numParallelCalls <= 0) {
            throw new IllegalArgumentException("map: num_parallel_calls: expected a positive number or Pipeline.AUTOTUNE, found "
                    + numParallelCalls);
        }
        this.input = input;
        this.f = Objects.requireNonNull(f, "map function");
        this.numParallelCalls = numParallelCalls;
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        ExecutorService pool = Executors.newFixedThreadPool(numParallelCalls, task -> {
            Thread t = new Thread(task, THREAD_PREFIX + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new LookaheadIterator() {
            private final Deque<Future<Element>> inFlight = new ArrayDeque<>();

            @Override
            protected Element advance() {
                while (inFlight.size() < numParallelCalls && in.hasNext()) {
                    Element e = in.next();
                    inFlight.add(pool.submit(() -> Objects.requireNonNull(f.apply(e), "the map function returned null")));
                }
                Future<Element> head = inFlight.poll();
                if (head == null) {
                    return null;
                }
                try {
                    return head.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PipelineException(ParallelMapStep.this + ": interrupted while mapping", e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new PipelineException(ParallelMapStep.this + ": " + cause, cause);
                }
            }

            @Override
            public void close() {
                inFlight.forEach(future -> future.cancel(true));
                inFlight.clear();
                pool.shutdownNow();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".map(num_parallel_calls=" + numParallelCalls + ")";
    }
}
