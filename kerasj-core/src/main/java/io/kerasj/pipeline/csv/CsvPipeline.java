package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/** The rows of CSV files, read interleaved ({@link Pipeline#interleave}); built by {@link CsvSource}. */
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

    /**
     * @return the course's {@code list_files(files, shuffle).interleave(lambda f: TextLineDataset(f).skip(1),
     *     cycle_length)}, each file's rows parsed
     */
    private Pipeline rows() {
        Pipeline names = Pipeline.fromPaths(files);
        if (shuffleSeed != null) {
            names = names.shuffle(files.size(), shuffleSeed);
        }
        return names.interleave(f -> new FileRows(Pipeline.pathOf(f)), cycleLength);
    }

    /** The rows of one file. */
    private final class FileRows extends Pipeline {
        private final Path file;

        FileRows(Path file) {
            this.file = file;
        }

        @Override
        public ElementIterator iterator(long epoch) {
            return new CsvFileReader(file, columns, header, checkHeader, delimiter, maxRecordBytes);
        }

        @Override
        public String toString() {
            return "csv(" + file + ")";
        }
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator rows = rows().iterator(epoch);
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
