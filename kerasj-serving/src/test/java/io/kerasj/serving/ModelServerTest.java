package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.testing.FashionMnistData;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server on 127.0.0.1 (ephemeral port) serving the notebook's SavedModel, asked by a real HTTP client:
 * TF Serving's status, metadata and predict formats; predictions agree with {@link KerasSavedModel#predict} over
 * one batch of all the images, within {@link io.kerasj.data.BatchShapeTolerance} (the served rows run in other batch
 * shapes, and TensorFlow's CPU kernels round by batch shape) and with the same argmax, alone and under concurrent,
 * batched load; malformed requests get 400 and the server keeps serving.
 */
class ModelServerTest {
    static final Path MODEL = Path.of("saved_models/fashion_mnist_mlp");
    static final int IMAGES = 200;

    static float[] images;
    static float[][] expected;
    static SavedModelServable servable;
    static ModelServer server;
    static URI base;
    final ServingClient client = new ServingClient();

    @BeforeAll
    static void startServer() throws Exception {
        FloatSamples test = FashionMnist.withDefaults(FashionMnistData.dir()).loadData().test().slice(0, IMAGES).scaled();
        images = test.toArray();
        try (KerasSavedModel reference = KerasSavedModel.load(MODEL)) {
            expected = reference.predict(test);
        }
        servable = SavedModelServable.load(MODEL, LoadOptions.defaults());
        server = ModelServer.start(servable, ServerOptions.defaults("fashion").batching(64, 5).maxBody(1 << 20));
        base = server.modelUri();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            assertThat(server.stop()).isZero();
        }
        if (servable != null) {
            servable.close();
        }
    }

    @Test
    void statusIsTfServingsGetModelStatusResponse() throws Exception {
        ServingClient.Reply r = client.get(base);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(ServingClient.JSON.readTree("""
                {"model_version_status":[{"version":"1","state":"AVAILABLE","status":{"error_code":"OK","error_message":""}}]}"""));
        assertThat(client.get(URI.create(base + "/versions/1")).body()).isEqualTo(r.body());
    }

    @Test
    void metadataRendersTheSignatureDefs() throws Exception {
        ServingClient.Reply r = client.get(URI.create(base + "/metadata"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("model_spec").toString()).isEqualTo("{\"name\":\"fashion\",\"signature_name\":\"\",\"version\":\"1\"}");
        JsonNode sig = r.body().at("/metadata/signature_def/signature_def/serving_default");
        assertThat(sig.get("method_name").asText()).isEqualTo("tensorflow/serving/predict");
        JsonNode input = sig.at("/inputs/flatten_input");
        assertThat(input.get("dtype").asText()).isEqualTo("DT_FLOAT");
        assertThat(input.get("name").asText()).isNotEmpty();
        assertThat(input.get("tensor_shape").toString()).isEqualTo(
                "{\"dim\":[{\"size\":\"-1\",\"name\":\"\"},{\"size\":\"28\",\"name\":\"\"},{\"size\":\"28\",\"name\":\"\"}],\"unknown_rank\":false}");
        assertThat(sig.at("/outputs/dense_2/tensor_shape/dim/1/size").asText()).isEqualTo("10");
    }

    @Test
    void rowFormatPredictionsAgreeWithPredict() throws Exception {
        ServingClient.Reply r = client.post(URI.create(base + ":predict"), ServingClient.instances(images, 0, 10));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        JsonNode predictions = r.body().get("predictions");
        assertThat(predictions.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            ServingClient.assertAgreesWithPredict(predictions.get(i), expected[i], "image " + i);
        }
        ServingClient.Reply versioned = client.post(URI.create(base + "/versions/1:predict"),
                "{\"signature_name\":\"serving_default\"," + ServingClient.instances(images, 3, 1).substring(1));
        ServingClient.assertAgreesWithPredict(versioned.body().at("/predictions/0"), expected[3], "image 3 alone");
    }

    @Test
    void columnarFormatAnswersWithOutputs() throws Exception {
        String body = "{\"inputs\":[" + ServingClient.image(images, 5) + "," + ServingClient.image(images, 6) + "]}";
        ServingClient.Reply r = client.post(URI.create(base + ":predict"), body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().has("predictions")).isFalse();
        ServingClient.Reply named = client.post(URI.create(base + ":predict"),
                "{\"inputs\":{\"flatten_input\":[" + ServingClient.image(images, 7) + "]}}");
        ServingClient.assertAgreesWithPredict(named.body().at("/outputs/0"), expected[7], "image 7, named input");
    }

    @Test
    void malformedRequestsGet400NamingTheProblemAndTheServerKeepsServing() throws Exception {
        URI predict = URI.create(base + ":predict");
        assertError(client.post(predict, "{\"instances\": [[1, 2"), 400, "not valid JSON");
        assertError(client.post(predict, "{\"signature_name\":\"serving_default\"}"), 400, "missing field");
        assertError(client.post(predict, "{\"instances\":[[[1,2],[3,4]]]}"), 400, "expects shape [-1,28,28], found [1,2,2]");
        assertError(client.post(predict, "{\"instances\":[" + ServingClient.image(images, 0).replaceFirst("[0-9.E-]+", "\"x\"") + "]}"),
                400, "expected a number (DT_FLOAT), found a string");
        String ragged = "[" + "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],".repeat(27) + "[0]]";
        assertError(client.post(predict, "{\"instances\":[" + ragged + "]}"), 400, "not rectangular");
        assertError(client.post(predict, "{\"instances\":[" + ServingClient.image(images, 0) + ",[[1]]]}"), 400,
                "instances: input 'flatten_input' expects shape [-1,28,28], found [2,1,1]");
        assertError(client.post(predict, "{\"signature_name\":\"nope\",\"instances\":[]}"), 400, "signature_name: 'nope' not found");
        assertError(client.post(predict, "{\"instances\":[],\"inputs\":[]}"), 400, "both");
        assertError(client.post(predict, "{\"instances\":[{\"wrong\":1}]}"), 400, "missing input 'flatten_input'");
        assertError(client.post(predict, "{\"instances\":[" + ServingClient.image(images, 0).replaceFirst("[0-9.E-]+", "1e39") + "]}"),
                400, "not a finite float32");
        assertError(client.post(URI.create(base.toString().replace("fashion", "other") + ":predict"), "{}"), 404,
                "Servable not found for request: Latest(other)");
        assertError(client.post(URI.create(base + "/versions/2:predict"), "{}"), 404, "Specific(fashion, 2)");
        assertError(client.get(predict), 405, "expected POST");
        assertError(client.post(predict, "[" + "0,".repeat(600_000) + "0]"), 413, "limit");
        rowFormatPredictionsAgreeWithPredict();
    }

    private static void assertError(ServingClient.Reply r, int status, String text) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.body().fieldNames()).toIterable().containsExactly("error");
        assertThat(r.body().get("error").asText()).contains(text);
    }

    @Test
    void concurrentClientsShareTheModelAndAreBatchedWithPredictsResults() throws Exception {
        long[] before = server.runCounts();
        int clients = 16;
        int perClient = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int seed = c;
                done.add(pool.submit(() -> {
                    ServingClient own = new ServingClient();
                    for (int k = 0; k < perClient; k++) {
                        int from = (seed * 37 + k * 13) % (IMAGES - 4);
                        int n = 1 + (seed + k) % 4;
                        ServingClient.Reply r = own.post(URI.create(base + ":predict"), ServingClient.instances(images, from, n));
                        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
                        for (int i = 0; i < n; i++) {
                            ServingClient.assertAgreesWithPredict(r.body().at("/predictions/" + i), expected[from + i],
                                    "image " + (from + i));
                        }
                    }
                    return perClient;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : done) {
                answered += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(answered).isEqualTo(clients * perClient);
        } finally {
            pool.shutdownNow();
        }
        long[] after = server.runCounts();
        assertThat(after[0] - before[0]).as("model runs for %d requests: some were batched", clients * perClient)
                .isLessThan(clients * perClient);
    }
}
