package io.kerasj.cli;

import io.kerasj.models.Model;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) during training into a request to stop after the current chunk of steps, so the command
 * can still write what it has; restores the previous handler when closed.
 */
final class Interruption implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;
    private volatile boolean requested;

    /**
     * @param model the model whose {@code fit} to stop
     */
    Interruption(Model model) {
        previous = Signal.handle(INT, signal -> {
            requested = true;
            model.interrupt();
        });
    }

    /** @return true once Ctrl-C was pressed */
    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
