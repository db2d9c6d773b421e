package io.kerasj.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kerasj.KerasJException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlow Serving's REST API for one model, on the JDK's built-in HTTP server:
 * <ul>
 *   <li>{@code GET /v1/models/NAME[/versions/1]}: the version status;</li>
 *   <li>{@code GET /v1/models/NAME[/versions/1]/metadata}: the signatures;</li>
 *   <li>{@code POST /v1/models/NAME[/versions/1]:predict}: row ({@code instances}) or columnar ({@code inputs})
 *       requests, batched across concurrent clients by a {@link BatchingRunner}.</li>
 * </ul>
 * Errors are {@code {"error": "..."}} with TF Serving's status: 400 for a malformed request, 404 for an unknown
 * model, version or path, 405 for a wrong method, 413 for a body over the limit, 503 while stopping.
 * {@link #stop()} lets in-flight requests finish before it closes the model's runner.
 */
public final class ModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROUTE = Pattern.compile("/v1/models/([^/:]+)(?:/versions/([^/:]+))?(/metadata|:predict|:[a-z]+)?/?");

    private final ServableModel model;
    private final ServerOptions options;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final BatchingRunner runner;
    /** The most bytes of an over-limit body read and thrown away before the connection is dropped. */
    private static final long DISCARD_LIMIT = 64L << 20;
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final ThreadLocal<Boolean> ADMITTED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private boolean stopped;

    private ModelServer(ServableModel model, ServerOptions options, HttpServer http, ExecutorService handlers) {
        this.model = model;
        this.options = options;
        this.http = http;
        this.handlers = handlers;
        this.runner = new BatchingRunner(model, options.maxBatch(), options.batchTimeoutMillis());
    }

    /**
     * Binds and starts serving. The model stays owned by the caller: close it after {@link #stop()}.
     *
     * @param model the loaded model
     * @param options where to listen and how to batch
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static ModelServer start(ServableModel model, ServerOptions options) throws IOException {
        // The JDK server writes the headers and the body of a response in two packets; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK, 40 ms a request on Linux. Read once, when the server class loads.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        ExecutorService handlers = Executors.newFixedThreadPool(options.handlerThreads(), r -> {
            Thread t = new Thread(r, "kerasj-http");
            t.setDaemon(true);
            return t;
        });
        ModelServer server = new ModelServer(model, options, http, handlers);
        http.createContext("/", server::handle);
        http.setExecutor(server::dispatch);
        http.start();
        return server;
    }

    /** @return the bound port (the ephemeral one when the options asked for 0) */
    public int port() {
        return http.getAddress().getPort();
    }

    /** @return {@code http://host:port/v1/models/NAME} */
    public URI modelUri() {
        return URI.create("http://" + options.host() + ":" + port() + "/v1/models/" + options.name());
    }

    /** @return the model runs so far and the rows they took: {runs, rows} */
    public long[] runCounts() {
        return runner.counts();
    }

    /**
     * Counts every exchange from the moment the HTTP server hands it over, queued or running, and remembers whether
     * it came before {@link #stop()}: those are answered, later ones get 503.
     */
    private void dispatch(Runnable exchangeTask) {
        boolean admitted = !stopping;
        inFlight.incrementAndGet();
        try {
            handlers.execute(() -> {
                ADMITTED.set(admitted);
                try {
                    exchangeTask.run();
                } finally {
                    ADMITTED.remove();
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        JsonNode body;
        try {
            if (!ADMITTED.get()) {
                throw new ServingException(503, "the server is shutting down");
            }
            body = route(exchange);
        } catch (ServingException e) {
            status = e.status();
            body = ServingJson.error(e.getMessage());
        } catch (KerasJException e) {
            status = 400;
            body = ServingJson.error(e.getMessage());
        } catch (RuntimeException e) {
            status = 500;
            body = ServingJson.error("internal error: " + e);
        }
        try (exchange) {
            send(exchange, status, body);
        }
    }

    private JsonNode route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher m = ROUTE.matcher(path);
        if (!m.matches()) {
            throw new ServingException(404, "Malformed request: " + method + " " + path
                    + "; expected /v1/models/" + options.name() + "[/versions/1][/metadata|:predict]");
        }
        String version = m.group(2);
        if (!m.group(1).equals(options.name()) || (version != null && !version.equals("1"))) {
            throw new ServingException(404, "Servable not found for request: "
                    + (version == null ? "Latest(" + m.group(1) + ")" : "Specific(" + m.group(1) + ", " + version + ")"));
        }
        String verb = m.group(3);
        if (verb == null || verb.equals("/metadata")) {
            requireMethod(method, "GET", path);
            return verb == null ? ServingJson.status() : ServingJson.metadata(options.name(), model.signatures());
        }
        if (!verb.equals(":predict")) {
            throw new ServingException(400, "Malformed request: " + path + ": kerasj serve answers ':predict', not '" + verb + "'");
        }
        requireMethod(method, "POST", path);
        PredictRequest request = PredictRequest.parse(body(exchange), model.signatures());
        return ServingJson.predictions(request, await(runner.submit(request)));
    }

    private static Map<String, FloatTensor> await(java.util.concurrent.CompletableFuture<Map<String, FloatTensor>> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException(503, "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw new ServingException(405, "Malformed request: " + method + " " + path + ": expected " + expected);
        }
    }

    /**
     * Reads the body up to the limit. A larger body is read on and thrown away, up to {@link #DISCARD_LIMIT} more
     * bytes, so that the client, still sending, receives the 413 rather than a reset connection.
     */
    private byte[] body(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ServingException.badRequest("Content-Length: expected a number, found '" + declared + "'");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = exchange.getRequestBody()) {
            if (length > options.maxBodyBytes()) {
                discard(in, length);
                throw new ServingException(413, "the request body has " + length + " bytes; the limit is " + options.maxBodyBytes());
            }
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > options.maxBodyBytes()) {
                    discard(in, Long.MAX_VALUE);
                    throw new ServingException(413, "the request body exceeds the limit of " + options.maxBodyBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static void discard(InputStream in, long declared) throws IOException {
        if (declared > DISCARD_LIMIT) {
            return;
        }
        byte[] sink = new byte[64 << 10];
        long read = 0;
        for (int n; read < DISCARD_LIMIT && (n = in.read(sink)) > 0; ) {
            read += n;
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Stops taking requests (those arriving from now on get 503 until the socket closes), waits up to the drain
     * time for every request received before to be answered, then closes the socket and the batching thread.
     * Idempotent.
     *
     * @return the number of requests still in flight when the drain time ran out (0 after a clean drain)
     */
    public synchronized int stop() {
        if (stopped) {
            return 0;
        }
        stopped = true;
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drainSeconds());
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight.get();
        http.stop(0);
        runner.close();
        handlers.shutdown();
        return left;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
