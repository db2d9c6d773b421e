package io.kerasj.pipeline.csv;

import io.kerasj.io.IoMessages;
import io.kerasj.pipeline.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the header row of a CSV file: the column names. */
final class CsvHeader {
    /** The most columns a header may name. */
    static final int MAX_COLUMNS = 65_536;

    private CsvHeader() {
    }

    /**
     * @return the first row's fields
     * @throws PipelineException when the file cannot be read, is empty or its first row is malformed
     */
    static List<String> read(Path file, char delimiter, int maxRecordBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            CsvRecordReader reader = new CsvRecordReader(in, file.toString(), delimiter, maxRecordBytes).keepingAtMost(MAX_COLUMNS);
            List<String> names = reader.next();
            if (names == null) {
                throw new PipelineException(file + ": line 1: the file is empty (expected a header row)");
            }
            if (reader.fieldCount() > MAX_COLUMNS) {
                throw new PipelineException(file + ": line " + reader.recordLine() + ": the header names " + reader.fieldCount()
                        + " columns, more than " + MAX_COLUMNS);
            }
            return names;
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot open the CSV file: " + IoMessages.describe(e), e);
        }
    }
}
