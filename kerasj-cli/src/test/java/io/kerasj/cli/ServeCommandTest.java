package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kerasj serve} as a real process: SIGTERM while a request waits in the batcher lets it be answered, then
 * the process exits 0. And its argument checks: one line, exit code 2.
 */
class ServeCommandTest {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/v1/models/fashion)");

    @Test
    void sigtermDrainsTheRequestInFlightThenExitsZero() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                KerasJ.class.getName(), "serve", "--model", "saved_models/fashion_mnist_mlp", "--name", "fashion",
                "--port", "0", "--batch-timeout-ms", "1500")).redirectErrorStream(true);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String base = null;
            StringBuilder log = new StringBuilder();
            for (String line; base == null && (line = out.readLine()) != null; ) {
                log.append(line).append('\n');
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertThat(base).as("the serve line in:\n" + log).isNotNull();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String zeros = "[" + String.join(",", java.util.Collections.nCopies(28, "[" + "0,".repeat(27) + "0]")) + "]";
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + ":predict")).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\":[" + zeros + "]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            assertThat(inFlight).as("still waiting in the 1.5 s batch window").isNotDone();
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
            HttpResponse<String> answered = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            JsonNode predictions = new ObjectMapper().readTree(answered.body()).get("predictions");
            assertThat(predictions.get(0).size()).isEqualTo(10);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
            String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(log + rest).isZero();
            assertThat(rest).contains("stopped after 1 model runs of 1 rows");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void serveBenchReportsEveryLevelWithoutErrors() throws Exception {
        KerasJTest.Run run = KerasJTest.run("serve-bench", "--data-dir", io.kerasj.testing.FashionMnistData.dir().toString(),
                "--model", "saved_models/fashion_mnist_mlp", "--requests", "40", "--clients", "1,4", "--max-seconds", "30", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("answers_checked_within").asText()).isEqualTo("1e-5 * (1 + |expected|)");
        JsonNode levels = report.get("levels");
        assertThat(levels.size()).isEqualTo(2);
        for (JsonNode level : levels) {
            assertThat(level.get("requests").asInt()).isEqualTo(40);
            assertThat(level.get("errors").asInt()).isZero();
            assertThat(level.get("dropped").asInt()).isZero();
            assertThat(level.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(level.get("p50_ms").asDouble()).isPositive();
        }
        KerasJTest.Run bad = KerasJTest.run("serve-bench", "--model", "saved_models/fashion_mnist_mlp", "--clients", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--clients: expected levels from 1 to 1024, found [0]");
    }

    @Test
    void badArgumentsAreOneLineAndExitCodeTwo() {
        KerasJTest.Run missing = KerasJTest.run("serve", "--model", "no/such/model");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("--model: expected a SavedModel directory, a .keras or an .h5 file, found nothing at no/such/model")
                .doesNotContain("\n");
        KerasJTest.Run port = KerasJTest.run("serve", "--model", "saved_models/fashion_mnist_mlp", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).contains("--port: expected 0 to 65535, found 70000");
        KerasJTest.Run batch = KerasJTest.run("serve", "--model", "saved_models/fashion_mnist_mlp", "--max-batch", "0");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err()).contains("--max-batch: expected at least 1, found 0");
    }
}
