package io.kerasj.pipeline.tfrecord;

/** One file being read in an interleave's cycle, its records turned into elements. */
interface RecordSlot<T> extends AutoCloseable {
    /** @return the next element, or null after the file's last record */
    T next();

    @Override
    void close();
}
