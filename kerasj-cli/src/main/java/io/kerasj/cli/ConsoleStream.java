package io.kerasj.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A {@link PrintStream} over picocli's {@link PrintWriter}, for the library's progress output. */
final class ConsoleStream {
    private ConsoleStream() {
    }

    /**
     * @param writer the command's output
     * @return a stream whose text goes to {@code writer}, flushed at each line end or carriage return
     */
    static PrintStream of(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
                if (b == '\n' || b == '\r') {
                    flush();
                }
            }

            @Override
            public void flush() {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                writer.flush();
                pending.reset();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
