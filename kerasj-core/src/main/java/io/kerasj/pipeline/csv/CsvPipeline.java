package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/** The rows of CSV files, read interleaved; built by {@link CsvSource}. */
final class CsvPipeline extends Pipeline {
    private final List<Path> files;
    private final CsvColumns columns;
    private final boolean header;
    private final boolean checkHeader;
    private final char delimiter;
    private final int maxRecordBytes;
    private final int cycleLength;
    private final Long shuffleSeed;

    CsvPipeline(List<Path> files, CsvColumns columns, boolean header, boolean checkHeader, char delimiter, int maxRecordBytes, int cycleLength,
            Long shuffleSeed) {
        this.files = List.copyOf(files);
        this.columns = columns;
        this.header = header;
        this.checkHeader = checkHeader;
        this.delimiter = delimiter;
        this.maxRecordBytes = maxRecordBytes;
        this.cycleLength = cycleLength;
        this.shuffleSeed = shuffleSeed;
    }

    /** @return the files in the order a pass opens them */
    List<Path> order(long epoch) {
        if (shuffleSeed == null) {
            return files;
        }
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(shuffleSeed * 1_000_003L + epoch));
        return shuffled;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        Interleave<Path> rows = new Interleave<>(order(epoch).iterator(), cycleLength,
                file -> new CsvFileReader(file, columns, header, checkHeader, delimiter, maxRecordBytes));
        return new ElementIterator() {
            private boolean any;

            @Override
            public boolean hasNext() {
                try {
                    if (rows.hasNext()) {
                        any = true;
                        return true;
                    }
                } catch (RuntimeException e) {
                    rows.close();
                    throw e;
                }
                if (!any) {
                    throw new PipelineException(CsvPipeline.this + ": no rows in " + (files.size() == 1 ? "the file " + files.get(0)
                            : "any of the " + files.size() + " files, the first " + files.get(0)));
                }
                return false;
            }

            @Override
            public Element next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    @Override
    public String toString() {
        return "csv(" + files.size() + (files.size() == 1 ? " file" : " files") + ", columns " + columns.names() + ")";
    }
}
