package io.kerasj;

/**
 * The documented failure of a KerasJ operation on bad input (a file, a model, an argument).
 * Its message is one line that names the file or argument and what was expected.
 */
public class KerasJException extends RuntimeException {

    /** @param message one line: what was wrong, naming the file or argument, and what was expected */
    public KerasJException(String message) {
        super(message);
    }

    /**
     * @param message one line: what was wrong, naming the file or argument, and what was expected
     * @param cause the lower-level failure
     */
    public KerasJException(String message, Throwable cause) {
        super(message, cause);
    }
}
