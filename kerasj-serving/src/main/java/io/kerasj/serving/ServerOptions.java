package io.kerasj.serving;

/**
 * How {@link ModelServer} listens and batches.
 *
 * @param name the model name in the URLs, {@code /v1/models/NAME}
 * @param host the address to bind, e.g. {@code 127.0.0.1}
 * @param port the port, 0 for an ephemeral one
 * @param maxBatch the most rows merged into one model run
 * @param batchTimeoutMillis how long a batch waits for more requests, 0 to take only those already queued
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param handlerThreads requests parsed or waiting for their batch at once (each connection has its own thread)
 * @param drainSeconds on stop, how long in-flight requests get to finish
 * @param connections the cap on connections and the deadlines of a request's header and body
 */
public record ServerOptions(String name, String host, int port, int maxBatch, int batchTimeoutMillis, int maxBodyBytes,
                            int handlerThreads, int drainSeconds, ConnectionLimits connections) {

    /**
     * Checks every setting, naming the one that is out of range.
     *
     * @param name the model name in the URLs, {@code /v1/models/NAME}
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for an ephemeral one
     * @param maxBatch the most rows merged into one model run
     * @param batchTimeoutMillis how long a batch waits for more requests, 0 to take only those already queued
     * @param maxBodyBytes the largest request body accepted; larger ones get 413
     * @param handlerThreads requests parsed or waiting for their batch at once (each connection has its own thread)
     * @param drainSeconds on stop, how long in-flight requests get to finish
     * @param connections the cap on connections and the deadlines of a request's header and body
     */
    public ServerOptions {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("name: expected letters, digits, '_', '.' or '-', found '" + name + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: expected 0 to 65535, found " + port);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch: expected at least 1, found " + maxBatch);
        }
        if (batchTimeoutMillis < 0) {
            throw new IllegalArgumentException("batch timeout: expected 0 ms or more, found " + batchTimeoutMillis);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body: expected at least 1 byte, found " + maxBodyBytes);
        }
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handler threads: expected at least 1, found " + handlerThreads);
        }
        if (drainSeconds < 0) {
            throw new IllegalArgumentException("drain: expected 0 s or more, found " + drainSeconds);
        }
        if (connections == null) {
            throw new IllegalArgumentException("connections: expected limits, found none");
        }
    }

    /**
     * @param name the model name
     * @return loopback, an ephemeral port, batches of up to 256 rows with no wait, bodies up to 64 MiB, 64 requests
     *         parsed or waiting at once, 30 s to drain, {@link ConnectionLimits#defaults()}
     */
    public static ServerOptions defaults(String name) {
        return new ServerOptions(name, "127.0.0.1", 0, 256, 0, 64 << 20, 64, 30, ConnectionLimits.defaults());
    }

    /**
     * @param newHost the address to bind
     * @param newPort the port, 0 for an ephemeral one
     * @return a copy listening there
     */
    public ServerOptions at(String newHost, int newPort) {
        return new ServerOptions(name, newHost, newPort, maxBatch, batchTimeoutMillis, maxBodyBytes, handlerThreads, drainSeconds, connections);
    }

    /**
     * @param rows the most rows per run
     * @param timeoutMillis the wait for more requests
     * @return a copy with this batching
     */
    public ServerOptions batching(int rows, int timeoutMillis) {
        return new ServerOptions(name, host, port, rows, timeoutMillis, maxBodyBytes, handlerThreads, drainSeconds, connections);
    }

    /**
     * @param bytes the largest request body accepted
     * @return a copy with this limit
     */
    public ServerOptions maxBody(int bytes) {
        return new ServerOptions(name, host, port, maxBatch, batchTimeoutMillis, bytes, handlerThreads, drainSeconds, connections);
    }

    /**
     * @param limits the cap on connections and the deadlines of a request
     * @return a copy with these limits
     */
    public ServerOptions limits(ConnectionLimits limits) {
        return new ServerOptions(name, host, port, maxBatch, batchTimeoutMillis, maxBodyBytes, handlerThreads, drainSeconds, limits);
    }
}
