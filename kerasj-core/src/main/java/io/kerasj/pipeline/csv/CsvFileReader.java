package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.PipelineException;
import io.kerasj.io.IoMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One pass over one CSV file: opened on the first read, its header row checked against the columns (or skipped),
 * then one element per row; the file is closed at its end or by {@link #close()}.
 */
final class CsvFileReader implements ElementIterator {
    private final Path file;
    private final CsvColumns columns;
    private final boolean header;
    private final boolean checkHeader;
    private final char delimiter;
    private final int maxRecordBytes;
    private InputStream in;
    private CsvRecordReader records;
    private Element next;
    private boolean done;
    private long rows;

    /**
     * @param header whether the file starts with a header row
     * @param checkHeader whether that row must name the columns (false when the names were given: it is skipped)
     */
    CsvFileReader(Path file, CsvColumns columns, boolean header, boolean checkHeader, char delimiter, int maxRecordBytes) {
        this.file = file;
        this.columns = columns;
        this.header = header;
        this.checkHeader = checkHeader;
        this.delimiter = delimiter;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** @return the rows read so far */
    long rows() {
        return rows;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        if (records == null) {
            open();
        }
        List<String> fields = records.next();
        if (fields == null) {
            close();
            return false;
        }
        next = columns.element(fields, records.fieldCount(), file.toString(), records.recordLine());
        rows++;
        return true;
    }

    @Override
    public Element next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Element e = next;
        next = null;
        return e;
    }

    private void open() {
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            done = true;
            throw new PipelineException(file + ": cannot open the CSV file: " + IoMessages.describe(e), e);
        }
        records = new CsvRecordReader(in, file.toString(), delimiter, maxRecordBytes).keepingAtMost(columns.names().size());
        if (header) {
            List<String> names = records.next();
            if (names == null) {
                close();
                throw new PipelineException(file + ": line 1: the file is empty (expected a header row)");
            }
            if (checkHeader && (records.fieldCount() != names.size() || !names.equals(columns.names()))) {
                close();
                throw new PipelineException(file + ": line " + records.recordLine() + ": the header " + shorten(names)
                        + " differs from the columns " + shorten(columns.names()));
            }
        }
    }

    private static String shorten(List<String> names) {
        String text = String.join(",", names).replaceAll("[\\r\\n]+", " ");
        return "'" + (text.length() <= 120 ? text : text.substring(0, 120) + "...") + "'";
    }

    @Override
    public void close() {
        done = true;
        next = null;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // a file only read from: nothing is lost
            }
            in = null;
        }
    }
}
