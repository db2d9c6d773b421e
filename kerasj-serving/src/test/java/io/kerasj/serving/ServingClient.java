package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.BatchShapeTolerance;
import io.kerasj.data.Predictions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test helper: a real HTTP client (java.net.http) for a {@link ModelServer} on loopback. */
final class ServingClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status and parsed JSON body. */
    record Reply(int status, JsonNode body) {
    }

    Reply get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build());
    }

    Reply post(URI uri, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    /** @return {@code {"instances": [image, ...]}} for images {@code [from, from + n)} of 28 x 28 floats */
    static String instances(float[] images, int from, int n) {
        StringBuilder b = new StringBuilder("{\"instances\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(image(images, from + i));
        }
        return b.append("]}").toString();
    }

    static String image(float[] images, int index) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < 28; r++) {
            b.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < 28; c++) {
                b.append(c == 0 ? "" : ",").append(images[index * 784 + r * 28 + c]);
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    static float[] floats(JsonNode list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(list.get(i).asText());
        }
        return out;
    }

    /**
     * Asserts that a served row agrees with {@code predict}'s row of the same sample, computed in another batch:
     * every value within {@link BatchShapeTolerance}, and the same argmax.
     */
    static void assertAgreesWithPredict(JsonNode served, float[] expected, String what) {
        float[] got = floats(served);
        assertThat(got).as(what).usingElementComparator(BatchShapeTolerance.comparator()).containsExactly(expected);
        assertThat(Predictions.argmax(new float[][] {got})).as(what + ": argmax").containsExactly(Predictions.argmax(new float[][] {expected}));
    }
}
