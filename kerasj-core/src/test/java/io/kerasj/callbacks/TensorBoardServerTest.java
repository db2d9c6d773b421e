package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code tensorboard --logdir} server, started on loopback, serves the scalars KerasJ wrote through its HTTP
 * API; the test stops it afterwards, within a bounded time.
 */
@Tag("python")
class TensorBoardServerTest {
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @Test
    void theServerServesTheEpochScalars(@TempDir Path dir) throws Exception {
        Path tensorboard = PythonKeras.venv().resolve("bin/tensorboard");
        Assumptions.assumeTrue(Files.isExecutable(tensorboard), "no tensorboard executable at " + tensorboard
                + ": install TensorBoard into the venv (pip install tensorboard) or set KERASJ_VENV");
        Blobs data = Blobs.of(200, 9);
        History history;
        try (Sequential model = Blobs.mlp(9)) {
            history = model.fit(data.x, data.y, Blobs.options(3, Blobs.of(60, 10)).callback(new TensorBoard(dir.resolve("logs"))));
        }
        int port = freePort();
        Path log = dir.resolve("tensorboard.log");
        Process server = new ProcessBuilder(tensorboard.toString(), "--logdir", dir.resolve("logs").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--reload_interval", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            JsonNode loss = poll(port, "train", "epoch_loss", 3, server, log);
            JsonNode valAccuracy = poll(port, "validation", "epoch_accuracy", 3, server, log);
            System.out.println("tensorboard HTTP API: train/epoch_loss " + loss + ", validation/epoch_accuracy " + valAccuracy);
            // each row is [wall_time, step, value]
            List<Double> expectedLoss = history.history().get("loss");
            List<Double> expectedAccuracy = history.history().get("val_accuracy");
            for (int epoch = 0; epoch < 3; epoch++) {
                assertThat(loss.get(epoch).get(1).asInt()).isEqualTo(epoch);
                assertThat(loss.get(epoch).get(2).asDouble()).isCloseTo(expectedLoss.get(epoch), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(valAccuracy.get(epoch).get(2).asDouble()).isCloseTo(expectedAccuracy.get(epoch), org.assertj.core.data.Offset.offset(1e-6));
            }
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(server.isAlive()).isFalse();
    }

    private static JsonNode poll(int port, String run, String tag, int rows, Process server, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/data/plugin/scalars/scalars?run=" + run + "&tag=" + tag);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("tensorboard exited " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    JsonNode rowsRead = new ObjectMapper().readTree(response.body());
                    if (rowsRead.size() == rows) {
                        return rowsRead;
                    }
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("tensorboard did not serve " + uri + " within " + STARTUP + "; last: " + last
                + "\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
