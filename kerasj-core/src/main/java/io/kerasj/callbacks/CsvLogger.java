package io.kerasj.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams epoch results to a CSV file, as TF 2.3's {@code keras.callbacks.CSVLogger}:
 * <pre>
 * epoch,accuracy,loss,val_accuracy,val_loss
 * 0,0.7649999856948853,0.7131234049797058,0.8131999969482422,0.5364830493927002
 * </pre>
 * The columns are {@code epoch} then the log keys of the first epoch sorted by name; values are written as
 * Python's {@code str(float)}; lines end with {@code \r\n} (Python's csv "excel" dialect, which Keras uses); a key
 * missing in a later epoch is written {@code NA}. The file is opened at {@code onTrainBegin}, flushed after every
 * epoch and closed at {@code onTrainEnd}. With {@code append}, rows go after the existing content and the header is
 * written only when the file is missing or empty.
 */
public final class CsvLogger implements Callback {

    private static final String LINE_END = "\r\n";

    private final Path file;
    private char separator = ',';
    private boolean append;
    private BufferedWriter writer;
    private boolean writeHeader;
    private List<String> keys;

    /**
     * Keras's {@code CSVLogger(filename)}: overwrites the file with comma-separated values; {@link #separator} and
     * {@link #append} change that.
     *
     * @param file Keras's {@code filename}; its parent directories are created
     */
    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * @param file the CSV file; its parent directories are created
     * @param separator the field separator
     * @param append true to add to an existing file (for a resumed run), false to overwrite it
     * @deprecated use {@code new CsvLogger(file).separator(separator).append(append)}
     */
    @Deprecated
    public CsvLogger(Path file, char separator, boolean append) {
        this(file);
        separator(separator).append(append);
    }

    /**
     * @param separator Keras's {@code separator}: the field separator (default {@code ,})
     * @return this
     */
    public CsvLogger separator(char separator) {
        this.separator = separator;
        return this;
    }

    /**
     * @param append Keras's {@code append}: add to an existing file (for a resumed run) instead of overwriting it
     *     (default false)
     * @return this
     */
    public CsvLogger append(boolean append) {
        this.append = append;
        return this;
    }

    /** @return the CSV file */
    public Path file() {
        return file;
    }

    /**
     * {@inheritDoc} Opens the file.
     *
     * @throws UncheckedIOException if the file cannot be opened
     */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        closeQuietly();
        keys = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writeHeader = !append || !Files.exists(file) || Files.size(file) == 0;
            writer = append
                    ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open CSV log " + file, e);
        }
    }

    /**
     * {@inheritDoc} Writes the header (first epoch) and one row, then flushes.
     *
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (writer == null) {
            onTrainBegin(Map.of());
        }
        Map<String, Double> values = logs == null ? Map.of() : logs;
        if (keys == null) {
            keys = new ArrayList<>(values.keySet());
            keys.sort(null);
        }
        try {
            if (writeHeader) {
                List<String> header = new ArrayList<>();
                header.add("epoch");
                header.addAll(keys);
                writeRow(header);
                writeHeader = false;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String key : keys) {
                Double value = values.get(key);
                row.add(value == null ? "NA" : PyFormat.repr(value));
            }
            writeRow(row);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV log " + file, e);
        }
    }

    /**
     * {@inheritDoc} Closes the file.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close CSV log " + file, e);
        } finally {
            writer = null;
        }
    }

    private void writeRow(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(separator);
            }
            writer.write(quote(fields.get(i)));
        }
        writer.write(LINE_END);
    }

    /** Quotes a field as Python's csv module (QUOTE_MINIMAL) does. */
    private String quote(String field) {
        if (field.indexOf(separator) < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0
                && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // a previous run's writer; nothing more to save
            }
            writer = null;
        }
    }
}
