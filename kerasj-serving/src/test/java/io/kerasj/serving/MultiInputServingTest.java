package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.saving.savedmodel.LoadOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named inputs and several outputs as TF Serving handles them: row instances are objects of named inputs and
 * predictions objects of named outputs; columnar inputs and outputs are objects of named tensors. And a stop that
 * drains a request in flight.
 */
class MultiInputServingTest {
    @TempDir
    Path tmp;

    @Test
    void namedInputsAndOutputsInBothFormats() throws Exception {
        try (SavedModelServable model = SavedModelServable.load(TwoHeadModel.export(tmp.resolve("m")), LoadOptions.defaults());
             ModelServer server = ModelServer.start(model, ServerOptions.defaults("two"))) {
            ServingClient client = new ServingClient();
            URI predict = URI.create(server.modelUri() + ":predict");
            ServingClient.Reply rows = client.post(predict,
                    "{\"instances\":[{\"a\":[1,2,3],\"b\":[4,5,6]},{\"a\":[0.5,0,1],\"b\":[2,2,2]}]}");
            assertThat(rows.status()).as(rows.body().toString()).isEqualTo(200);
            assertThat(rows.body()).isEqualTo(ServingClient.JSON.readTree(
                    "{\"predictions\":[{\"dot\":32.0,\"sum\":[5.0,7.0,9.0]},{\"dot\":3.0,\"sum\":[2.5,2.0,3.0]}]}"));
            ServingClient.Reply columns = client.post(predict, "{\"inputs\":{\"a\":[[1,2,3]],\"b\":[[4,5,6]]}}");
            assertThat(columns.body()).isEqualTo(ServingClient.JSON.readTree(
                    "{\"outputs\":{\"dot\":[32.0],\"sum\":[[5.0,7.0,9.0]]}}"));
            // columnar inputs of different row counts are not merged with other requests; TensorFlow broadcasts b
            ServingClient.Reply uneven = client.post(predict, "{\"inputs\":{\"a\":[[1,2,3],[0,0,1]],\"b\":[[1,1,1]]}}");
            assertThat(uneven.body()).as(uneven.body().toString()).isEqualTo(ServingClient.JSON.readTree(
                    "{\"outputs\":{\"dot\":[6.0,1.0],\"sum\":[[2.0,3.0,4.0],[1.0,1.0,2.0]]}}"));
            ServingClient.Reply bare = client.post(predict, "{\"instances\":[[1,2,3]]}");
            assertThat(bare.status()).isEqualTo(400);
            assertThat(bare.body().get("error").asText()).contains("expected an object with the inputs [a, b]");
            ServingClient.Reply extra = client.post(predict, "{\"inputs\":{\"a\":[[1,2,3]],\"b\":[[4,5,6]],\"c\":1}}");
            assertThat(extra.body().get("error").asText()).contains("unknown input 'c'");
        }
    }

    @Test
    void stopAnswersTheRequestsInFlightFirst() throws Exception {
        try (SavedModelServable model = SavedModelServable.load(TwoHeadModel.export(tmp.resolve("m")), LoadOptions.defaults())) {
            // A batch timeout of 1 s keeps the request waiting in the batcher while stop() is called.
            ModelServer server = ModelServer.start(model, ServerOptions.defaults("two").batching(64, 1000));
            ServingClient client = new ServingClient();
            CompletableFuture<ServingClient.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.post(URI.create(server.modelUri() + ":predict"), "{\"instances\":[{\"a\":[1,1,1],\"b\":[2,2,2]}]}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(inFlight).isNotDone();
            assertThat(server.stop()).as("requests left unanswered").isZero();
            assertThat(inFlight.get().status()).isEqualTo(200);
            assertThat(inFlight.get().body().at("/predictions/0/dot").asDouble()).isEqualTo(6.0);
        }
    }
}
