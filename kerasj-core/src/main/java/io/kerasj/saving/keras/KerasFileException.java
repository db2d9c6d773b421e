package io.kerasj.saving.keras;

import io.kerasj.KerasJException;

/** A {@code .keras} or {@code .h5} model file that cannot be read or written; the message is one line naming the file. */
public final class KerasFileException extends KerasJException {

    /** @param message one line naming the file, what was found and what was expected */
    public KerasFileException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file, what was found and what was expected
     * @param cause the lower-level failure
     */
    public KerasFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
