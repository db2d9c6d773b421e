package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.saving.savedmodel.LoadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server under attack, on loopback with raw sockets: stalled clients cannot keep a normal one out, the
 * connection cap answers 503 at once, a body over the limit gets 413 from its Content-Length alone, a tensor that
 * claims a huge shape gets 400 before anything is allocated, and every malformed request (HTTP framing included)
 * gets TF Serving's JSON error.
 */
class ServingAttackTest {
    static final String ZEROS = "[" + String.join(",", Collections.nCopies(28, "[" + "0,".repeat(27) + "0]")) + "]";
    static final String PREDICT = "/v1/models/fashion:predict";

    static SavedModelServable servable;
    static ModelServer server;
    final ServingClient client = new ServingClient();

    @BeforeAll
    static void load() throws Exception {
        servable = SavedModelServable.load(ModelServerTest.MODEL, LoadOptions.defaults());
        server = ModelServer.start(servable, ServerOptions.defaults("fashion").maxBody(1 << 20)
                .limits(new ConnectionLimits(512, 1500, 1500, 30_000)));
    }

    @AfterAll
    static void close() {
        if (server != null) {
            server.stop();
        }
        if (servable != null) {
            servable.close();
        }
    }

    @Test
    void twoHundredStalledConnectionsDoNotKeepANormalClientOutAndGet408() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = connect(server);
                String request = i % 2 == 0
                        ? "POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nContent-Le"
                        : "POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"instances\"";
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            long start = System.nanoTime();
            ServingClient.Reply r = client.post(URI.create(server.modelUri() + ":predict"), "{\"instances\":[" + ZEROS + "]}");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            assertThat(r.body().at("/predictions/0").size()).isEqualTo(10);
            assertThat(millis).as("a prediction beside 200 stalled connections").isLessThan(5_000);
            for (int i = 0; i < stalled.size(); i++) {
                Answer a = read(stalled.get(i), 10_000);
                assertThat(a.status()).as("stalled connection %d: %s", i, a.text()).isEqualTo(408);
                assertThat(a.json().get("error").asText()).contains(i % 2 == 0 ? "the request header" : "the request body");
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void connectionsOverTheCapGetAnImmediateJson503() throws Exception {
        try (ModelServer capped = ModelServer.start(servable, ServerOptions.defaults("fashion")
                .limits(new ConnectionLimits(4, 3_000, 3_000, 30_000)))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = connect(capped);
                    s.getOutputStream().write("GET /v1/models/fashion HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    held.add(s);
                }
                long start = System.nanoTime();
                try (Socket fifth = connect(capped)) {
                    Answer a = read(fifth, 2_000);
                    assertThat(a.status()).isEqualTo(503);
                    assertThat(a.json().get("error").asText()).contains("limit of 4 connections");
                }
                assertThat((System.nanoTime() - start) / 1_000_000).as("the refusal is immediate").isLessThan(1_500);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            // the slots come back once the held connections are gone
            ServingClient.Reply r = null;
            for (int attempt = 0; attempt < 50 && (r == null || r.status() != 200); attempt++) {
                Thread.sleep(100);
                r = new ServingClient().get(capped.modelUri());
            }
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void aContentLengthOverTheLimitGets413WithoutSendingTheBody() throws Exception {
        try (Socket s = connect(server)) {
            send(s, "POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n");
            Answer a = read(s, 2_000);
            assertThat(a.status()).isEqualTo(413);
            assertThat(a.json().get("error").asText()).isEqualTo("the request body has 999999999 bytes; the limit is 1048576");
        }
    }

    @Test
    void aTensorClaimingAHugeShapeGets400BeforeAnythingIsAllocated() throws Exception {
        // [1, 1000, 1000, 1000] by its first elements: 1000 numbers, then empty lists; 4 GB of floats if believed
        String cube = "[[[" + "0,".repeat(999) + "0]" + ",[]".repeat(999) + "]" + ",[]".repeat(999) + "]";
        long start = System.nanoTime();
        assertError(client.post(URI.create(server.modelUri() + ":predict"), "{\"instances\":[" + cube + "]}"), 400,
                "instances: input 'flatten_input' expects shape [-1,28,28], found [1,1000,1000,1000]");
        // [50000, 50000] holds more values than an int counts
        String square = "[[" + "0,".repeat(49_999) + "0]" + ",[]".repeat(49_999) + "]";
        assertError(client.post(URI.create(server.modelUri() + ":predict"), "{\"inputs\":[" + square + "]}"), 400,
                "inputs: input 'flatten_input' expects shape [-1,28,28], found [1,50000,50000]");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void malformedHttpGetsTfServingsJsonError() throws Exception {
        assertThat(exchange("GET /v1/models/fashion%zz HTTP/1.1\r\nHost: x\r\n\r\n")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().get("error").asText()).contains("'%' must be followed by two hexadecimal digits");
        });
        assertThat(exchange("POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
                .satisfies(a -> {
                    assertThat(a.status()).isEqualTo(400);
                    assertThat(a.json().get("error").asText()).contains("Content-Length and Transfer-Encoding together");
                });
        assertThat(exchange("POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().get("error").asText()).isEqualTo("Content-Length: expected a number, found 'abc'");
        });
        assertThat(exchange("GET /" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: x\r\n\r\n")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(414);
            assertThat(a.json().get("error").asText()).contains("the request line is longer than 8192 bytes");
        });
        assertThat(exchange("HELLO\r\n\r\n")).satisfies(a -> assertThat(a.status()).isEqualTo(400));
        assertThat(exchange("GET /v1/models/fashion HTTP/1.1\r\nBad Header\r\n\r\n")).satisfies(a -> assertThat(a.status()).isEqualTo(400));
        assertThat(client.get(server.modelUri()).status()).isEqualTo(200);
    }

    @Test
    void keepAliveAndChunkedBodiesStillWork() throws Exception {
        String body = "{\"instances\":[" + ZEROS + "]}";
        try (Socket s = connect(server)) {
            send(s, "GET /v1/models/fashion HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(read(s, 5_000).status()).isEqualTo(200);
            send(s, "POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
                    + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n");
            Answer a = read(s, 10_000);
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            assertThat(a.json().at("/predictions/0").size()).isEqualTo(10);
        }
    }

    private static void assertError(ServingClient.Reply r, int status, String text) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.body().fieldNames()).toIterable().containsExactly("error");
        assertThat(r.body().get("error").asText()).contains(text);
    }

    /** One request on a new connection; its answer (the server closes after a malformed request). */
    private static Answer exchange(String request) throws IOException {
        try (Socket s = connect(server)) {
            send(s, request);
            return read(s, 5_000);
        }
    }

    private static Socket connect(ModelServer target) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", target.port()), 5_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** An HTTP answer: status, raw text and JSON body. */
    record Answer(int status, String text, JsonNode json) {
    }

    /** Reads one answer (headers, then Content-Length bytes), waiting at most {@code millis}. */
    private static Answer read(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before an answer: " + head);
                }
                head.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + millis + " ms: " + head, e);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(text).contains("Content-Type: application/json");
        byte[] body = in.readNBytes(length);
        String json = new String(body, StandardCharsets.UTF_8);
        return new Answer(status, text + json, ServingClient.JSON.readTree(json));
    }
}
