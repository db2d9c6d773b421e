package io.kerasj.cli;

import io.kerasj.KerasJException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a UTF-8 text input ({@code --input x.csv}, {@code --labels}, {@code --class-names}), each at most a
 * given length: a huge one-line file is refused at that length, naming the file and the line, instead of being
 * held whole (and split) in memory. Only regular files are opened: a FIFO or device would block or never end.
 */
final class BoundedLines implements AutoCloseable {
    private final Path file;
    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int lineNumber;
    private boolean pendingCarriageReturn;
    /** Characters of a line not yet returned have been read (an empty last line is not a line). */
    private boolean pendingLine;

    private BoundedLines(Path file, Reader in, int maxChars) {
        this.file = file;
        this.in = in;
        this.maxChars = maxChars;
    }

    /**
     * @param file a regular file
     * @param maxChars the longest line accepted
     * @return the reader
     * @throws KerasJException when the file is not a regular file or cannot be opened
     */
    static BoundedLines open(Path file, int maxChars) {
        requireRegularFile(file);
        try {
            return new BoundedLines(file, Files.newBufferedReader(file, StandardCharsets.UTF_8), maxChars);
        } catch (IOException e) {
            throw new KerasJException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @param file a path given on the command line
     * @throws KerasJException when it is missing or not a regular file (links are followed)
     */
    static void requireRegularFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasJException(file + ": " + (Files.exists(file) ? "not a regular file (a folder, FIFO, socket or device)"
                    : "no such file"));
        }
    }

    /**
     * @return the next line without its end ({@code \n}, {@code \r\n} or {@code \r}), or null at the end
     * @throws KerasJException when the line is longer than the limit, or reading fails
     */
    String next() {
        StringBuilder line = new StringBuilder();
        try {
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (line.isEmpty() && !pendingLine) {
                            return null;
                        }
                        pendingLine = false;
                        lineNumber++;
                        return line.toString();
                    }
                }
                char c = buffer[position++];
                if (pendingCarriageReturn) {
                    pendingCarriageReturn = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    pendingCarriageReturn = c == '\r';
                    pendingLine = false;
                    lineNumber++;
                    return line.toString();
                }
                pendingLine = true;
                if (line.length() >= maxChars) {
                    throw new KerasJException(file + ": line " + (lineNumber + 1) + " is longer than " + maxChars
                            + " characters: expected one sample, label or name per line");
                }
                line.append(c);
            }
        } catch (IOException e) {
            throw new KerasJException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @return the number of the line {@link #next} returned last, from 1 */
    int lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only: nothing was lost
        }
    }
}
