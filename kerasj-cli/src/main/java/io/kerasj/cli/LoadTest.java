package io.kerasj.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.BatchShapeTolerance;
import io.kerasj.data.Predictions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load test of a TF Serving predict URL: N clients, each sending its next request as soon as the
 * previous one is answered, until the request budget or the time budget is spent. Every answer is checked: status
 * 200, and predictions that agree with the expected rows within {@link BatchShapeTolerance} and have their argmax:
 * the server runs each row in batches of its own, and TensorFlow's CPU kernels round by batch shape.
 */
final class LoadTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * One concurrency level's figures.
     *
     * @param clients concurrent clients
     * @param requests requests answered correctly
     * @param errors requests answered wrongly or not at all
     * @param dropped requests of the budget not sent because the time budget ran out
     * @param seconds wall time
     * @param p50Millis median latency
     * @param p99Millis 99th percentile latency
     * @param firstError the first error seen, or empty
     */
    record Level(int clients, int requests, int errors, int dropped, double seconds, double p50Millis, double p99Millis,
                 String firstError) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private LoadTest() {
    }

    /**
     * @param predict the {@code :predict} URL
     * @param bodies request bodies, sent in turn
     * @param expected for each body, its predictions row by row
     * @param clients concurrent clients
     * @param budget requests to send in all
     * @param maxSeconds the time budget
     * @return the figures
     */
    static Level run(URI predict, List<String> bodies, List<float[][]> expected, int clients, int budget, double maxSeconds)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errorTexts = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                for (int i; System.nanoTime() < deadline && (i = next.getAndIncrement()) < budget; ) {
                    int k = i % bodies.size();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(k))).build(), HttpResponse.BodyHandlers.ofString());
                        String problem = check(r, expected.get(k));
                        if (problem == null) {
                            latencies.add(System.nanoTime() - t0);
                        } else {
                            errors.incrementAndGet();
                            errorTexts.add(problem);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        errorTexts.add(e.toString());
                    }
                }
            }, "kerasj-load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int answered = sorted.length;
        int dropped = Math.max(0, budget - answered - errors.get());
        return new Level(clients, answered, errors.get(), dropped, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                errorTexts.isEmpty() ? "" : errorTexts.peek());
    }

    private static String check(HttpResponse<String> r, float[][] expected) throws Exception {
        if (r.statusCode() != 200) {
            return "status " + r.statusCode() + ": " + r.body();
        }
        JsonNode predictions = JSON.readTree(r.body()).get("predictions");
        if (predictions == null || predictions.size() != expected.length) {
            return "expected " + expected.length + " predictions, found " + r.body();
        }
        for (int row = 0; row < expected.length; row++) {
            JsonNode p = predictions.get(row);
            float[] got = new float[p.size()];
            for (int j = 0; j < got.length; j++) {
                got[j] = Float.parseFloat(p.get(j).asText());
            }
            if (!BatchShapeTolerance.accepts(got, expected[row])
                    || Predictions.argmax(new float[][] {got})[0] != Predictions.argmax(new float[][] {expected[row]})[0]) {
                return "predictions differ from the model's own predict by more than " + BatchShapeTolerance.describe() + ": "
                        + Arrays.toString(got) + " vs " + Arrays.toString(expected[row]);
            }
        }
        return null;
    }

    private static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
