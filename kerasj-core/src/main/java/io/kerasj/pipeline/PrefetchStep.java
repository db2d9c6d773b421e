package io.kerasj.pipeline;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code Dataset.prefetch}: a daemon thread reads up to {@code bufferSize} elements ahead into a bounded queue while
 * the consumer works. What the input throws surfaces on the consumer's thread, unchanged (a checked exception wrapped
 * in a {@link PipelineException}). {@link ElementIterator#close()} stops the thread and closes the input, also when the
 * consumer stops before the end.
 */
final class PrefetchStep extends Pipeline {
    static final String THREAD_PREFIX = "kerasj-prefetch-";
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long JOIN_MILLIS = 10_000;

    private final Pipeline input;
    private final int bufferSize;

    PrefetchStep(Pipeline input, int bufferSize) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("prefetch: buffer_size: expected a positive number, found " + bufferSize);
        }
        this.input = input;
        this.bufferSize = bufferSize;
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    /** What the reader thread hands over: an element, the end, or what the input threw. */
    private record Item(Element element, Throwable failure) {
        static final Item END = new Item(null, null);
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(bufferSize);
        Thread reader = new Thread(() -> {
            try {
                while (in.hasNext()) {
                    queue.put(new Item(in.next(), null));
                }
                queue.put(Item.END);
            } catch (InterruptedException stopped) {
                // close() asked the thread to stop
            } catch (Throwable t) {
                try {
                    queue.put(new Item(null, t)); // after the elements read before it
                } catch (InterruptedException stopped) {
                    // close() asked the thread to stop: nobody reads the failure
                }
            } finally {
                in.close();
            }
        }, THREAD_PREFIX + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
        return new ElementIterator() {
            private Item next;
            private boolean closed;

            @Override
            public boolean hasNext() {
                if (closed) {
                    return false;
                }
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PipelineException(PrefetchStep.this + ": interrupted while waiting for the next element", e);
                    }
                }
                if (next.failure() != null) {
                    Throwable t = next.failure();
                    next = Item.END;
                    if (t instanceof RuntimeException r) {
                        throw r;
                    }
                    if (t instanceof Error err) {
                        throw err;
                    }
                    throw new PipelineException(PrefetchStep.this + ": " + t, t);
                }
                return next != Item.END;
            }

            @Override
            public Element next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Element e = next.element();
                next = null;
                return e;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                reader.interrupt();
                queue.clear();
                try {
                    reader.join(JOIN_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Override
    public String toString() {
        return input + ".prefetch(" + bufferSize + ")";
    }
}
