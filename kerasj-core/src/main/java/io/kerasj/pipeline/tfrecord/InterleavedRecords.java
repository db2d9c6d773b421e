package io.kerasj.pipeline.tfrecord;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The records of several files as elements, in {@code tf.data}'s deterministic interleave order: a cycle of
 * {@code cycleLength} files, one record from each in turn; a file that ends leaves its place empty, and the next
 * file takes it when the turn comes back ({@code TFRecordDataset(files, num_parallel_reads=cycleLength)}). With a
 * cycle of one, the files are read in order on the caller's thread; with more, each file of the cycle is read, and its
 * records turned into elements, ahead on a thread of its own; the order does not depend on the threads.
 */
final class InterleavedRecords implements ElementIterator {
    private final List<Path> files;
    private final TFRecordCompression compression;
    private final long maxRecordBytes;
    private final Function<Record, Element> transform;
    private final RecordSlot<Element>[] slots;
    private final ExecutorService threads;
    private int cycleIndex;
    private int nextFile;
    private int open;
    private Element ahead;
    private boolean closed;

    @SuppressWarnings("unchecked")
    InterleavedRecords(List<Path> files, TFRecordCompression compression, long maxRecordBytes, int cycleLength,
            Function<Record, Element> transform) {
        this.files = files;
        this.compression = compression;
        this.maxRecordBytes = maxRecordBytes;
        this.transform = transform;
        int cycle = Math.max(1, Math.min(cycleLength, Math.max(1, files.size())));
        this.slots = new RecordSlot[cycle];
        this.threads = cycle == 1 ? null : Executors.newFixedThreadPool(cycle, r -> {
            Thread t = new Thread(r, "kerasj-tfrecord-read");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean hasNext() {
        if (ahead == null && !closed) {
            ahead = fetch();
        }
        return ahead != null;
    }

    @Override
    public Element next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Element e = ahead;
        ahead = null;
        return e;
    }

    private Element fetch() {
        while (nextFile < files.size() || open > 0) {
            RecordSlot<Element> slot = slots[cycleIndex];
            if (slot != null) {
                Element e = slot.next();
                if (e != null) {
                    advance();
                    return e;
                }
                slot.close();
                slots[cycleIndex] = null;
                open--;
                advance();
            } else if (nextFile < files.size()) {
                TFRecordReader reader = TFRecordReader.open(files.get(nextFile++), compression, maxRecordBytes);
                slots[cycleIndex] = threads == null ? new DirectSlot<>(reader, transform)
                        : new ReadAheadSlot<>(reader, transform, threads);
                open++;
            } else {
                advance();
            }
        }
        return null;
    }

    private void advance() {
        cycleIndex = (cycleIndex + 1) % slots.length;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].close();
                slots[i] = null;
            }
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
