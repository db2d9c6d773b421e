package io.kerasj.serving;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on plain sockets, one thread per connection, for JSON answers only. It holds at most
 * {@link ConnectionLimits#maxConnections()} connections (the next ones get an immediate 503 and are closed), puts
 * every request's header and body under a deadline (408), refuses a body over the limit from its Content-Length
 * (413) and any malformed request (400, 414, 431) with TF Serving's {@code {"error": "..."}}, and keeps
 * connections alive between requests.
 */
final class HttpConnections {
    /** Answers one request whose head is read; reads the body, if it wants it, through {@code body}. */
    interface Handler {
        Response handle(HttpRequestHead head, Body body) throws IOException;
    }

    /** A JSON answer. */
    record Response(int status, byte[] json) {
    }

    /** The body of the request being answered, read at most once. */
    final class Body {
        private final HttpRequestReader reader;
        private final HttpRequestHead head;
        private final OutputStream out;
        private boolean read;
        private boolean failed;

        private Body(HttpRequestReader reader, HttpRequestHead head, OutputStream out) {
            this.reader = reader;
            this.head = head;
            this.out = out;
        }

        /**
         * @return the whole body, within the size limit and the body deadline
         * @throws IOException a timeout or a lost connection
         */
        byte[] read() throws IOException {
            if (read) {
                throw new IllegalStateException("the body was read already");
            }
            read = true;
            try {
                return reader.readBody(head, maxBodyBytes, limits.bodyTimeoutMillis(), out);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        private boolean leavesConnectionUsable() {
            return !failed && (read || !head.hasBody());
        }
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(400, "Bad Request"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"), Map.entry(417, "Expectation Failed"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));
    /** After an answer that closes the connection, what the client still sends is read and dropped for this long... */
    private static final long LINGER_MILLIS = 2_000;
    /** ...or up to this many bytes, so that it receives the answer rather than a reset. */
    private static final long LINGER_BYTES = 64L << 20;

    private final ServerSocket listener;
    private final ConnectionLimits limits;
    private final int maxBodyBytes;
    private final Handler handler;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Object admission = new Object();
    private int inFlight;
    private boolean stopping;

    private HttpConnections(ServerSocket listener, ConnectionLimits limits, int maxBodyBytes, Handler handler) {
        this.listener = listener;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.handler = handler;
        this.workers = Executors.newCachedThreadPool(daemon("kerasj-http"));
    }

    /**
     * Binds and starts accepting.
     *
     * @param host the address to bind
     * @param port the port, 0 for an ephemeral one
     * @param limits connections and deadlines
     * @param maxBodyBytes the largest body
     * @param handler answers the requests
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    static HttpConnections start(String host, int port, ConnectionLimits limits, int maxBodyBytes, Handler handler) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        HttpConnections server = new HttpConnections(listener, limits, maxBodyBytes, handler);
        Thread accept = new Thread(server::acceptLoop, "kerasj-http-accept");
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    /** @return the bound port */
    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                continue;
            }
            if (connections.incrementAndGet() > limits.maxConnections()) {
                connections.decrementAndGet();
                reject(socket);
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                forget(socket);
            }
        }
    }

    /**
     * Answers 503 on the accepting thread and closes at once: a fresh connection's send buffer takes the few bytes
     * without blocking, and what the client sent already is dropped first so that closing does not reset the answer.
     * No lingering here: the refusals must not queue behind one another.
     */
    private void reject(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(response(new Response(503, ServingJson.errorBytes("the server holds its limit of "
                    + limits.maxConnections() + " connections; try again later")), false, true));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            for (int n = in.available(); n > 0; n = in.available()) {
                in.skipNBytes(n);
            }
        } catch (IOException e) {
            // the client is gone
        } finally {
            closeQuietly(socket);
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            HttpRequestReader reader = new HttpRequestReader(new DeadlineInput(socket));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 << 10);
            for (boolean first = true; ; first = false) {
                if (!exchange(socket, reader, out, first)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or sent nothing in time: nothing left to answer
        } finally {
            closeQuietly(socket);
            forget(socket);
        }
    }

    /** Answers one request; returns whether the connection may carry another. */
    private boolean exchange(Socket socket, HttpRequestReader reader, OutputStream out, boolean first) throws IOException {
        HttpRequestHead head;
        try {
            head = reader.readHead(first, limits);
        } catch (ServingException e) {
            finish(socket, out, new Response(e.status(), ServingJson.errorBytes(e.getMessage())), false);
            return false;
        } catch (SocketTimeoutException e) {
            if (reader.started()) {
                finish(socket, out, timeout(reader), false);
            }
            return false;
        }
        if (head == null) {
            return false;
        }
        if (!admit()) {
            finish(socket, out, new Response(503, ServingJson.errorBytes("the server is shutting down")), false);
            return false;
        }
        try {
            if (head.contentLength() > maxBodyBytes) {
                finish(socket, out, new Response(413, ServingJson.errorBytes(
                        HttpRequestReader.tooLarge(head.contentLength(), maxBodyBytes).getMessage())), false);
                return false;
            }
            Body body = new Body(reader, head, out);
            Response response;
            try {
                response = handler.handle(head, body);
            } catch (SocketTimeoutException e) {
                finish(socket, out, timeout(reader), false);
                return false;
            } catch (EOFException e) {
                return false;
            }
            boolean keep = head.keepAlive() && body.leavesConnectionUsable() && !isStopping();
            finish(socket, out, response, keep);
            return keep;
        } finally {
            synchronized (admission) {
                inFlight--;
                admission.notifyAll();
            }
        }
    }

    private Response timeout(HttpRequestReader reader) {
        int millis = reader.phase().contains("body") ? limits.bodyTimeoutMillis() : limits.headerTimeoutMillis();
        return new Response(408, ServingJson.errorBytes(reader.phase() + " did not arrive within " + millis + " ms"));
    }

    private void finish(Socket socket, OutputStream out, Response response, boolean keepAlive) throws IOException {
        out.write(response(response, keepAlive, !keepAlive && response.status() == 503));
        out.flush();
        if (!keepAlive) {
            linger(socket, LINGER_MILLIS, LINGER_BYTES);
        }
    }

    private static byte[] response(Response r, boolean keepAlive, boolean retryLater) {
        String head = "HTTP/1.1 " + r.status() + " " + REASONS.getOrDefault(r.status(), "Error") + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + r.json().length + "\r\n"
                + (retryLater ? "Retry-After: 1\r\n" : "")
                + "Connection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + r.json().length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(r.json(), 0, all, h.length, r.json().length);
        return all;
    }

    /**
     * Closes after an answer: first the sending half, then reads and drops what the client still sends (for a
     * bounded time and size), so that closing with unread input does not reset the connection before the client
     * has read the answer.
     */
    private static void linger(Socket socket, long millis, long maxBytes) {
        try {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + millis * 1_000_000L;
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[16 << 10];
            long read = 0;
            while (read < maxBytes) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (IOException e) {
            // closing anyway
        } finally {
            closeQuietly(socket);
        }
    }

    private boolean admit() {
        synchronized (admission) {
            if (stopping) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private boolean isStopping() {
        synchronized (admission) {
            return stopping;
        }
    }

    /**
     * Refuses requests from now on (503), waits up to {@code drainMillis} for those admitted to be answered, then
     * closes the listener and every connection.
     *
     * @param drainMillis the longest wait
     * @return the requests still being answered when the wait ran out
     */
    int stop(long drainMillis) {
        int left;
        synchronized (admission) {
            stopping = true;
            long deadline = System.nanoTime() + drainMillis * 1_000_000L;
            while (inFlight > 0) {
                long wait = (deadline - System.nanoTime()) / 1_000_000L;
                if (wait <= 0) {
                    break;
                }
                try {
                    admission.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            left = inFlight;
        }
        closeQuietly(listener);
        for (Socket s : open) {
            closeQuietly(s);
        }
        workers.shutdown();
        return left;
    }

    private void forget(Socket socket) {
        if (open.remove(socket)) {
            connections.decrementAndGet();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed or broken
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
