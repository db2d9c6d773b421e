package io.kerasj.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the library's warnings go on the command line. KerasJ logs them through {@link System.Logger}
 * ({@code io.kerasj...}), which is java.util.logging here; the command prints each as one line on its standard
 * error, {@code kerasj: warning: ...}, instead of java.util.logging's two-line console format.
 */
final class LibraryWarnings extends Handler {
    /** Held so that java.util.logging, which keeps loggers weakly, does not drop the configuration. */
    private static final Logger LIBRARY = Logger.getLogger("io.kerasj");

    private final PrintWriter err;

    private LibraryWarnings(PrintWriter err) {
        this.err = err;
        setLevel(Level.WARNING);
    }

    /**
     * Sends the library's warnings to {@code err} until the returned handle is closed.
     *
     * @param err the command's standard error
     * @return closes the route
     */
    static Route routeTo(PrintWriter err) {
        LibraryWarnings handler = new LibraryWarnings(err);
        synchronized (LIBRARY) {
            LIBRARY.setUseParentHandlers(false);
            LIBRARY.addHandler(handler);
        }
        return () -> {
            synchronized (LIBRARY) {
                LIBRARY.removeHandler(handler);
                LIBRARY.setUseParentHandlers(LIBRARY.getHandlers().length == 0);
            }
        };
    }

    /** An open route, closed without checked exceptions. */
    interface Route extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            String message = record.getMessage();
            err.println("kerasj: " + (record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning")
                    + ": " + (message == null ? "" : message.replace('\n', ' ')));
            err.flush();
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
