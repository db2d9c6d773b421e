package io.kerasj.pipeline.tfrecord;

/**
 * One record read from a file, with where it lies for messages.
 *
 * @param data the record's bytes
 * @param reader the reader that read it (for {@link #where()})
 * @param index its index in the file, from 0
 */
record Record(byte[] data, TFRecordReader reader, long index, long offset) {
    /** @return "FILE: record I at byte B" */
    String where() {
        return reader.where(index, offset);
    }
}
