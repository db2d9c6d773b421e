package io.kerasj.pipeline.tfrecord;

import java.util.function.Function;

/** A file read on the caller's thread. */
final class DirectSlot<T> implements RecordSlot<T> {
    private final TFRecordReader reader;
    private final Function<Record, T> transform;

    DirectSlot(TFRecordReader reader, Function<Record, T> transform) {
        this.reader = reader;
        this.transform = transform;
    }

    @Override
    public T next() {
        byte[] data = reader.read();
        return data == null ? null : transform.apply(new Record(data, reader, reader.lastRecordIndex(), reader.lastRecordOffset()));
    }

    @Override
    public void close() {
        reader.close();
    }
}
