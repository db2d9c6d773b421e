package io.kerasj.data;

import io.kerasj.KerasJException;

/**
 * A dataset could not be found, read, verified or parsed. The message is one line naming the file (or the
 * places searched) and what was expected versus what was found.
 */
public class DatasetException extends KerasJException {

    /** @param message one line naming the file and what was expected versus found */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and what was expected versus found
     * @param cause the lower-level failure
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
