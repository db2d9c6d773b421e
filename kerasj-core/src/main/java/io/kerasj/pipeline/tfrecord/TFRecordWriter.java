package io.kerasj.pipeline.tfrecord;

import io.kerasj.KerasJException;
import io.kerasj.io.IoMessages;
import io.kerasj.io.OutputKind;
import io.kerasj.io.Publication;
import io.kerasj.pipeline.HostArray;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a TFRecord file, as {@code tf.io.TFRecordWriter}, but published whole: records go to a hidden staging
 * sibling and the file appears only at {@link #commit()}, complete. A writer closed without {@code commit} leaves
 * nothing. The target must be a new path: nothing in a TFRecord file names its writer, so an existing file is never
 * replaced (the rule of {@link io.kerasj.io.OwnedOutputs} for {@link OutputKind#TFRECORD}).
 *
 * <pre>{@code
 * try (TFRecordWriter writer = TFRecordWriter.create(path, TFRecordCompression.GZIP)) {
 *     writer.writeExample(Map.of("x", HostArray.ofFloats(x, 8), "y", HostArray.scalar(1f)));
 *     writer.commit();
 * }
 * }</pre>
 */
public final class TFRecordWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Publication publication;
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[RecordFraming.HEADER_BYTES];
    private final byte[] footer = new byte[RecordFraming.FOOTER_BYTES];
    private long records;
    private boolean finished;

    private TFRecordWriter(Publication publication, OutputStream out) {
        this.publication = publication;
        this.out = out;
    }

    /**
     * @param file a new path
     * @param compression how to compress it
     * @return the writer
     * @throws io.kerasj.io.OutputRefusedException when {@code file} exists or may not be written, before any work
     * @throws KerasJException when the staging file cannot be created
     */
    public static TFRecordWriter create(Path file, TFRecordCompression compression) {
        Publication publication = Publication.begin(file, OutputKind.TFRECORD, false, "a new path");
        try {
            OutputStream raw = Files.newOutputStream(publication.staged());
            OutputStream out = switch (compression) {
                case NONE -> new BufferedOutputStream(raw, BUFFER_BYTES);
                case GZIP -> new BufferedOutputStream(new GZIPOutputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
                case ZLIB -> new BufferedOutputStream(new DeflaterOutputStream(raw), BUFFER_BYTES);
            };
            return new TFRecordWriter(publication, out);
        } catch (IOException | RuntimeException e) {
            publication.close();
            throw new KerasJException(file + ": cannot write the TFRecord file: " + IoMessages.describe(e), e);
        }
    }

    /**
     * Appends one record.
     *
     * @param data the record's bytes (a serialized {@code tf.train.Example}, or anything)
     */
    public void write(byte[] data) {
        if (finished) {
            throw new IllegalStateException(publication.target() + ": the writer is already committed or closed");
        }
        RecordFraming.putLong(header, 0, data.length);
        RecordFraming.putInt(header, 8, RecordFraming.maskedCrc(crc, header, 0, 8));
        RecordFraming.putInt(footer, 0, RecordFraming.maskedCrc(crc, data, 0, data.length));
        try {
            out.write(header);
            out.write(data);
            out.write(footer);
        } catch (IOException e) {
            throw new KerasJException(publication.target() + ": cannot write record " + records + ": " + IoMessages.describe(e), e);
        }
        records++;
    }

    /** Appends one {@code tf.train.Example} of these features (see {@link ExampleEncoder#encode}). */
    public void writeExample(Map<String, HostArray> features) {
        write(ExampleEncoder.encode(features).toByteArray());
    }

    /** @return the records written so far */
    public long records() {
        return records;
    }

    /** Finishes the file and publishes it at its path. */
    public void commit() {
        if (finished) {
            throw new IllegalStateException(publication.target() + ": the writer is already committed or closed");
        }
        finished = true;
        try {
            out.close();
        } catch (IOException e) {
            publication.close();
            throw new KerasJException(publication.target() + ": cannot finish the TFRecord file: " + IoMessages.describe(e), e);
        }
        try {
            publication.commit();
        } finally {
            publication.close();
        }
    }

    /** Discards the records unless {@link #commit()} published them. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the staging file is deleted below
        } finally {
            publication.close();
        }
    }
}
