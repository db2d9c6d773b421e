package io.kerasj.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.KerasJException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlow Serving's REST API for one model, on {@link HttpConnections} (a small HTTP/1.1 server of its own):
 * <ul>
 *   <li>{@code GET /v1/models/NAME[/versions/1]}: the version status;</li>
 *   <li>{@code GET /v1/models/NAME[/versions/1]/metadata}: the signatures;</li>
 *   <li>{@code POST /v1/models/NAME[/versions/1]:predict}: row ({@code instances}) or columnar ({@code inputs})
 *       requests, batched across concurrent clients by a {@link BatchingRunner}.</li>
 * </ul>
 * Errors are {@code {"error": "..."}} with TF Serving's status: 400 for a malformed request (HTTP framing included),
 * 404 for an unknown model, version or path, 405 for a wrong method, 408 for a header or body not sent in time,
 * 413 for a body over the limit (from its Content-Length, before reading it), 414 for an over-long request line,
 * 503 over the connection cap and while stopping. {@link #stop()} lets in-flight requests finish before it closes
 * the model's runner.
 */
public final class ModelServer implements AutoCloseable {
    private static final Pattern ROUTE = Pattern.compile("/v1/models/([^/:]+)(?:/versions/([^/:]+))?(/metadata|:predict|:[a-z]+)?/?");

    private final ServableModel model;
    private final ServerOptions options;
    private final BatchingRunner runner;
    /** Requests being parsed or waiting for the model at once: bounds the memory their JSON trees take. */
    private final Semaphore handlers;
    /**
     * Bytes of request bodies being parsed at once. Jackson's tree of a body of numbers takes about 14 times its
     * bytes (measured: 16 MB of {@code 0.d} numbers, 225 MB), so the trees stay within half the heap.
     */
    private final Semaphore parsing;
    private final int parseBudget;
    private HttpConnections http;
    private boolean stopped;

    private ModelServer(ServableModel model, ServerOptions options) {
        this.model = model;
        this.options = options;
        this.runner = new BatchingRunner(model, options.maxBatch(), options.batchTimeoutMillis());
        this.handlers = new Semaphore(options.handlerThreads());
        this.parseBudget = Math.max(options.maxBodyBytes(), (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 32));
        this.parsing = new Semaphore(parseBudget, true);
    }

    /**
     * Binds and starts serving. The model stays owned by the caller: close it after {@link #stop()}.
     *
     * @param model the loaded model
     * @param options where to listen, how to batch, and the limits of a connection
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static ModelServer start(ServableModel model, ServerOptions options) throws IOException {
        ModelServer server = new ModelServer(model, options);
        try {
            server.http = HttpConnections.start(options.host(), options.port(), options.connections(), options.maxBodyBytes(),
                    server::handle);
        } catch (IOException | RuntimeException e) {
            server.runner.close();
            throw e;
        }
        return server;
    }

    /** @return the bound port (the ephemeral one when the options asked for 0) */
    public int port() {
        return http.port();
    }

    /** @return {@code http://host:port/v1/models/NAME} */
    public URI modelUri() {
        return URI.create("http://" + options.host() + ":" + port() + "/v1/models/" + options.name());
    }

    /** @return the model runs so far and the rows they took: {runs, rows} */
    public long[] runCounts() {
        return runner.counts();
    }

    private HttpConnections.Response handle(HttpRequestHead head, HttpConnections.Body body) throws IOException {
        int status = 200;
        JsonNode json;
        try {
            json = route(head, body);
        } catch (ServingException e) {
            status = e.status();
            json = ServingJson.error(e.getMessage());
        } catch (KerasJException e) {
            status = 400;
            json = ServingJson.error(e.getMessage());
        } catch (RuntimeException e) {
            status = 500;
            json = ServingJson.error("internal error: " + e);
        }
        return new HttpConnections.Response(status, ServingJson.bytes(json));
    }

    private JsonNode route(HttpRequestHead head, HttpConnections.Body body) throws IOException {
        String path = head.path();
        String method = head.method();
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
        byte[] bytes = body.read();
        try {
            handlers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException(503, "interrupted while waiting for a handler");
        }
        try {
            PredictRequest request = parse(bytes);
            return ServingJson.predictions(request, await(runner.submit(request)));
        } finally {
            handlers.release();
        }
    }

    private PredictRequest parse(byte[] bytes) {
        int cost = Math.max(1, bytes.length);
        try {
            if (!parsing.tryAcquire(cost, options.connections().bodyTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServingException(503, "the server is parsing " + parseBudget + " bytes of other requests; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException(503, "interrupted while waiting to parse the request");
        }
        try {
            return PredictRequest.parse(bytes, model.signatures());
        } finally {
            parsing.release(cost);
        }
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
        int left = http.stop(TimeUnit.SECONDS.toMillis(options.drainSeconds()));
        runner.close();
        return left;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
