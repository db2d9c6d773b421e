package io.kerasj.data;

import io.kerasj.KerasJException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset could not be found, read, verified or parsed. The message is one line naming the file (or the
 * places searched) and what was expected versus what was found.
 */
public class DatasetException extends KerasJException {

    private final transient Path file;

    /** @param message one line naming the file and what was expected versus found */
    public DatasetException(String message) {
        this(message, null, null);
    }

    /**
     * @param message one line naming the file and what was expected versus found
     * @param cause the lower-level failure
     */
    public DatasetException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * @param message one line naming the file and what was expected versus found
     * @param cause the lower-level failure, or null
     * @param file the one file found bad, or null when the failure is not in one file
     */
    public DatasetException(String message, Throwable cause, Path file) {
        super(message, cause);
        this.file = file;
    }

    /** @return the one file found bad (missing, unreadable, corrupt), when the failure is in one file */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * @param file the file being read when this failure happened
     * @return this failure with {@code file} attached, unless it already names one
     */
    public DatasetException inFile(Path file) {
        return this.file != null ? this : new DatasetException(getMessage(), this, file);
    }
}
