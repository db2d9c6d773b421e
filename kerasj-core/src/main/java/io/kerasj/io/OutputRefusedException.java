package io.kerasj.io;

import io.kerasj.KerasJException;

/**
 * A target KerasJ will not write to, refused before any work: it exists and replacing it was not asked for, or it
 * is not a KerasJ output of the right kind (a user's folder or file, {@code .}, the home folder, ...). The
 * command line reports it as a usage error (exit code 2); nothing has been touched.
 */
public class OutputRefusedException extends KerasJException {

    /** @param message one line naming the target and why it is refused */
    public OutputRefusedException(String message) {
        super(message);
    }
}
