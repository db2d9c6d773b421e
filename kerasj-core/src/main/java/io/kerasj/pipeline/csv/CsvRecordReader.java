package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV records one at a time from a stream (RFC 4180): fields split on a one-byte delimiter, a field in double
 * quotes may hold the delimiter, line breaks and doubled quotes ({@code ""}), records end at {@code \n} or
 * {@code \r\n}, blank lines are skipped and a leading UTF-8 byte-order mark is dropped. A record longer than
 * {@code maxRecordBytes} is refused before more than that is held. Errors name the source and the 1-based line.
 */
final class CsvRecordReader {
    private static final int QUOTE = '"';
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final String source;
    private final int delimiter;
    private final int maxRecordBytes;
    private int maxFields = Integer.MAX_VALUE;
    private int fieldCount;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private boolean started;
    private byte[] field = new byte[64];
    private int fieldLength;

    /**
     * @param in the bytes, read as they are needed
     * @param source the file's name, for messages
     * @param delimiter the field delimiter, one ASCII character other than a quote or a line break
     * @param maxRecordBytes the longest record accepted
     */
    CsvRecordReader(InputStream in, String source, char delimiter, int maxRecordBytes) {
        if (delimiter > 127 || delimiter == QUOTE || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the field delimiter must be one ASCII character other than a quote or a line break, got '" + delimiter + "'");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * @param most the fields kept of a record; further ones are counted ({@link #fieldCount()}) but not held, so a row
     *     of a million delimiters costs no million strings
     * @return this reader
     */
    CsvRecordReader keepingAtMost(int most) {
        this.maxFields = most;
        return this;
    }

    /** @return how many fields the last record read has, including those not kept */
    int fieldCount() {
        return fieldCount;
    }

    /** @return the 1-based line the last record read starts on */
    long recordLine() {
        return recordLine;
    }

    /**
     * @return the next record's fields, or null at the end of the stream
     * @throws PipelineException on a malformed or too long record, or a read failure
     */
    List<String> next() {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        int c = read();
        while (c == '\n' || c == '\r') { // blank lines
            if (c == '\r' && peek() == '\n') {
                read();
            }
            line++;
            c = read();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        long recordBytes = 0;
        fieldLength = 0;
        fieldCount = 0;
        boolean quoted = false;
        boolean afterQuote = false; // just after the closing quote of a quoted field
        while (true) {
            if (c >= 0 && ++recordBytes > maxRecordBytes) {
                throw error(recordLine, "the row is longer than " + maxRecordBytes + " bytes (the reader's limit)");
            }
            if (quoted) {
                if (c < 0) {
                    throw error(recordLine, "a quoted field is not closed before the end of the file");
                }
                if (c == QUOTE) {
                    if (peek() == QUOTE) {
                        read();
                        recordBytes++;
                        append(QUOTE);
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(c);
                }
            } else if (c < 0 || c == '\n' || (c == '\r' && peek() == '\n')) {
                takeField(fields);
                if (c == '\r') {
                    read();
                }
                if (c >= 0) {
                    line++;
                }
                return fields;
            } else if (c == delimiter) {
                takeField(fields);
                afterQuote = false;
            } else if (afterQuote) {
                throw error(line, "a character follows the closing quote of a field (expected the delimiter or the end of the line)");
            } else if (c == QUOTE) {
                if (fieldLength > 0) {
                    throw error(line, "a quote inside an unquoted field (quote the whole field and double the quote)");
                }
                quoted = true;
            } else {
                append(c);
            }
            c = read();
        }
    }

    private void takeField(List<String> fields) {
        if (++fieldCount <= maxFields) {
            fields.add(new String(field, 0, fieldLength, StandardCharsets.UTF_8));
        }
        fieldLength = 0;
    }

    private void append(int c) {
        if (fieldLength == field.length) {
            // bounded: a record never exceeds maxRecordBytes, checked before each byte is appended
            field = Arrays.copyOf(field, Math.min(Math.max(field.length * 2, 64), maxRecordBytes));
        }
        field[fieldLength++] = (byte) c;
    }

    private void skipByteOrderMark() {
        try {
            while (limit < 3) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
            }
        } catch (IOException e) {
            throw new PipelineException(source + ": line 1: cannot read: " + e.getMessage(), e);
        }
        if (limit >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
            position = 3;
        }
    }

    private int read() {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private int peek() {
        if (!fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    /** @return true when at least one byte is buffered, false at the end of the stream */
    private boolean fill() {
        if (position < limit) {
            return true;
        }
        try {
            position = 0;
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            limit = Math.max(n, 0);
            return limit > 0;
        } catch (IOException e) {
            throw new PipelineException(source + ": line " + line + ": cannot read: " + e.getMessage(), e);
        }
    }

    private PipelineException error(long at, String what) {
        return new PipelineException(source + ": line " + at + ": " + what);
    }
}
