package io.kerasj.serving;

/**
 * What a client may hold of the server: how many connections at once, and how long it may take to send a request.
 * A connection over the cap is answered 503 and closed at once; a request whose header or body is late gets 408 and
 * its connection is closed, so that clients that stall cannot keep the others out.
 *
 * @param maxConnections the most open connections; more are refused with 503
 * @param headerTimeoutMillis from a connection's accept (or a later request's first byte) to the end of the header
 * @param bodyTimeoutMillis from the end of the header to the end of the body
 * @param idleTimeoutMillis how long a kept-alive connection waits for its next request before it is closed
 */
public record ConnectionLimits(int maxConnections, int headerTimeoutMillis, int bodyTimeoutMillis, int idleTimeoutMillis) {

    /**
     * Checks every limit, naming the one that is out of range.
     *
     * @param maxConnections the most open connections; more are refused with 503
     * @param headerTimeoutMillis from a connection's accept (or a later request's first byte) to the end of the header
     * @param bodyTimeoutMillis from the end of the header to the end of the body
     * @param idleTimeoutMillis how long a kept-alive connection waits for its next request before it is closed
     */
    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections: expected at least 1, found " + maxConnections);
        }
        if (headerTimeoutMillis < 1 || bodyTimeoutMillis < 1 || idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("timeouts: expected at least 1 ms, found header " + headerTimeoutMillis
                    + ", body " + bodyTimeoutMillis + ", idle " + idleTimeoutMillis);
        }
    }

    /** @return 512 connections; 10 s for a header, 60 s for a body, 30 s idle between requests */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(512, 10_000, 60_000, 30_000);
    }
}
