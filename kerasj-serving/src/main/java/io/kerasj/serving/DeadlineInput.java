package io.kerasj.serving;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with one deadline for a whole phase (a request's header, its body) rather than per read, so that
 * a client sending a byte now and then cannot stretch the phase: each read waits at most until the deadline.
 */
final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos = Long.MAX_VALUE;
    private String phase = "request";

    DeadlineInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * @param millis from now
     * @param what the phase, for the timeout's message, e.g. "the request header"
     */
    void deadline(long millis, String what) {
        deadlineNanos = System.nanoTime() + millis * 1_000_000L;
        phase = what;
    }

    /** @return the phase the current deadline is for */
    String phase() {
        return phase;
    }

    private void arm() throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException(phase + " did not arrive in time");
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    @Override
    public int read() throws IOException {
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
    }
}
