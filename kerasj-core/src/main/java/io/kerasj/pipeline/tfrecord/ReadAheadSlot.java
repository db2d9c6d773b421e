package io.kerasj.pipeline.tfrecord;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A file read ahead on a background thread, its records turned into elements there too, into a buffer bounded by a
 * count and by bytes (at least one element, whatever its size). An error is handed over in order, where it occurred.
 */
final class ReadAheadSlot<T> implements RecordSlot<T> {
    private static final int MAX_ITEMS = 256;
    private static final long MAX_BYTES = 16L << 20;
    private static final Object END = new Object();

    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private final ArrayDeque<Long> sizes = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean closed;
    private boolean started;
    private final TFRecordReader reader;
    private final Future<?> worker;

    /** A failure of the reading thread, handed to the consumer. */
    private record Failure(RuntimeException error) {
    }

    ReadAheadSlot(TFRecordReader reader, Function<Record, T> transform, ExecutorService threads) {
        this.reader = reader;
        this.worker = threads.submit(() -> run(reader, transform));
    }

    private void run(TFRecordReader reader, Function<Record, T> transform) {
        synchronized (this) {
            if (closed) {
                return; // close() closed the reader
            }
            started = true;
        }
        try (reader) {
            while (true) {
                byte[] data = reader.read();
                if (data == null) {
                    put(END, 0);
                    return;
                }
                T element = transform.apply(new Record(data, reader, reader.lastRecordIndex(), reader.lastRecordOffset()));
                if (!put(element, data.length)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            put(new Failure(e), 0);
        } catch (Error e) {
            put(new Failure(new IllegalStateException(reader.file() + ": reading failed: " + e, e)), 0);
            throw e;
        }
    }

    /** @return false when the slot was closed meanwhile */
    private synchronized boolean put(Object item, long bytes) {
        while (!closed && !buffer.isEmpty() && (buffer.size() >= MAX_ITEMS || bufferedBytes + bytes > MAX_BYTES)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (closed) {
            return false;
        }
        buffer.addLast(item);
        sizes.addLast(bytes);
        bufferedBytes += bytes;
        notifyAll();
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized T next() {
        while (buffer.isEmpty()) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
        }
        Object item = buffer.peekFirst();
        if (item == END) {
            return null;
        }
        if (item instanceof Failure failure) {
            throw failure.error();
        }
        buffer.removeFirst();
        bufferedBytes -= sizes.removeFirst();
        notifyAll();
        return (T) item;
    }

    @Override
    public void close() {
        boolean neverStarted;
        synchronized (this) {
            closed = true;
            neverStarted = !started;
            buffer.clear();
            sizes.clear();
            notifyAll(); // the worker stops at its next put, and closes the reader
        }
        worker.cancel(false);
        if (neverStarted) {
            reader.close();
        }
    }
}
