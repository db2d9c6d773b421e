package io.kerasj.pipeline.tfrecord;

import io.kerasj.io.IoMessages;
import io.kerasj.pipeline.PipelineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads a TFRecord file one record at a time, as TensorFlow's {@code tf_record_iterator}: plain, GZIP or ZLIB,
 * streaming, each record checked. A record's claimed length is checked against its CRC and against
 * {@code maxRecordBytes} (and, in a plain file, against the bytes left) before any buffer is allocated. A truncated
 * file, a bad CRC or an oversized claim is a {@link PipelineException} in one line naming the file, the record's
 * index (from 0) and its byte offset (in the uncompressed stream for a compressed file).
 */
public final class TFRecordReader implements AutoCloseable {
    /** The default limit on one record: 256 MB. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 256L << 20;
    /** The largest limit a Java array allows. */
    public static final long LARGEST_MAX_RECORD_BYTES = Integer.MAX_VALUE - 16;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final TFRecordCompression compression;
    private final long maxRecordBytes;
    private final InputStream in;
    private final long fileSize;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[RecordFraming.HEADER_BYTES];
    private final byte[] footer = new byte[RecordFraming.FOOTER_BYTES];
    private long index;
    private long offset;
    private long lastIndex = -1;
    private long lastOffset = -1;

    private TFRecordReader(Path file, TFRecordCompression compression, long maxRecordBytes, InputStream in, long fileSize) {
        this.file = file;
        this.compression = compression;
        this.maxRecordBytes = maxRecordBytes;
        this.in = in;
        this.fileSize = fileSize;
    }

    /** @return a reader of {@code file} with the default record limit */
    public static TFRecordReader open(Path file, TFRecordCompression compression) {
        return open(file, compression, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param file a TFRecord file
     * @param compression how it is compressed
     * @param maxRecordBytes the largest record accepted (1 to {@link #LARGEST_MAX_RECORD_BYTES})
     * @return the reader, at the first record
     * @throws PipelineException when the file cannot be opened or does not start as {@code compression} says
     */
    public static TFRecordReader open(Path file, TFRecordCompression compression, long maxRecordBytes) {
        if (maxRecordBytes < 1 || maxRecordBytes > LARGEST_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes " + maxRecordBytes + ": expected 1 to " + LARGEST_MAX_RECORD_BYTES);
        }
        InputStream raw;
        long size;
        try {
            raw = Files.newInputStream(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot read the TFRecord file: " + IoMessages.describe(e), e);
        }
        try {
            InputStream in = switch (compression) {
                case NONE -> new BufferedInputStream(raw, BUFFER_BYTES);
                case GZIP -> size == 0 ? raw : new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
                case ZLIB -> new BufferedInputStream(new InflaterInputStream(raw, new java.util.zip.Inflater(), BUFFER_BYTES), BUFFER_BYTES);
            };
            return new TFRecordReader(file, compression, maxRecordBytes, in, compression == TFRecordCompression.NONE ? size : -1);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new PipelineException(file + ": not a " + compression + " TFRecord file: " + IoMessages.describe(e), e);
        }
    }

    /**
     * @return the next record's data, or null after the last record
     * @throws PipelineException on a truncated file, a bad CRC or a length above the limit
     */
    public byte[] read() {
        int got = readUpTo(header, header.length);
        if (got == 0) {
            return null;
        }
        if (got < header.length) {
            throw fail("truncated: " + got + " of the " + header.length + " bytes of a record header");
        }
        if (RecordFraming.maskedCrc(crc, header, 0, 8) != RecordFraming.getInt(header, 8)) {
            throw fail("bad CRC of the record length (corrupted)");
        }
        long length = RecordFraming.getLong(header, 0);
        if (length < 0 || length > maxRecordBytes) {
            throw fail("claims " + Long.toUnsignedString(length) + " bytes, above the limit of " + maxRecordBytes
                    + " bytes per record");
        }
        if (fileSize >= 0 && length + RecordFraming.FOOTER_BYTES > fileSize - offset - header.length) {
            throw fail("truncated: claims " + length + " bytes of data, the file holds " + Math.max(0, fileSize - offset - header.length
                    - RecordFraming.FOOTER_BYTES) + " more");
        }
        byte[] data;
        try {
            // readNBytes grows its buffer as data arrives, so a truncated compressed stream never allocates the claim
            data = fileSize >= 0 ? readFully((int) length) : in.readNBytes((int) length);
        } catch (IOException e) {
            throw fail("cannot read the data: " + IoMessages.describe(e));
        }
        if (data.length < length) {
            throw fail("truncated: " + data.length + " of the " + length + " bytes of data");
        }
        int footerGot = readUpTo(footer, footer.length);
        if (footerGot < footer.length) {
            throw fail("truncated: " + footerGot + " of the 4 bytes of the data's CRC");
        }
        if (RecordFraming.maskedCrc(crc, data, 0, data.length) != RecordFraming.getInt(footer, 0)) {
            throw fail("bad CRC of the data (corrupted)");
        }
        lastIndex = index;
        lastOffset = offset;
        index++;
        offset += header.length + length + footer.length;
        return data;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] data = new byte[length];
        int n = in.readNBytes(data, 0, length);
        return n == length ? data : java.util.Arrays.copyOf(data, n);
    }

    private int readUpTo(byte[] buffer, int length) {
        try {
            return in.readNBytes(buffer, 0, length);
        } catch (IOException e) {
            throw fail("cannot read: " + IoMessages.describe(e));
        }
    }

    private PipelineException fail(String detail) {
        return new PipelineException(where(index, offset) + ": " + detail);
    }

    /** @return "FILE: record I at byte B" for record {@code recordIndex} at {@code byteOffset} */
    String where(long recordIndex, long byteOffset) {
        return file + ": record " + recordIndex + " at " + (compression == TFRecordCompression.NONE ? "" : "uncompressed ")
                + "byte " + byteOffset;
    }

    /** @return where the record {@link #read()} returned last lies, for messages about its content */
    public String lastRecordWhere() {
        return where(lastIndex, lastOffset);
    }

    /** @return the byte offset of the record {@link #read()} returned last, -1 before the first */
    public long lastRecordOffset() {
        return lastOffset;
    }

    /** @return the index (from 0) of the record {@link #read()} returned last, -1 before the first */
    public long lastRecordIndex() {
        return lastIndex;
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // reading only: nothing is lost
        }
    }
}
