package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.saving.keras.KerasFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code .keras} file KerasJ saved, served over TF Serving's REST API: the same numbers as {@code predict}. */
class KerasFileServingTest {

    @TempDir
    Path tmp;

    @Test
    void aKerasFileIsServedWithKeras3sExportSignatureAndPredictsExactly() throws Exception {
        Random random = new Random(5);
        float[] pixels = new float[40 * 12];
        int[] labels = new int[40];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3);
        }
        FloatSamples x = FloatSamples.of(pixels, 3, 4);
        Path file = tmp.resolve("m.keras");
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(3, 4));
            model.add(new Dense(8, "relu"));
            model.add(new Dense(3, "softmax"));
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            model.fit(x, labels, FitOptions.defaults().epochs(1).verbose(0));
            model.save(file);
        }
        float[][] expected;
        try (io.kerasj.models.Model loaded = KerasFiles.load(file, 0, warning -> { })) {
            expected = loaded.predict(x.slice(0, 10));
        }
        try (KerasFileServable servable = KerasFileServable.load(file)) {
            ModelServer server = ModelServer.start(servable, ServerOptions.defaults("m").batching(16, 2).maxBody(1 << 20));
            try {
                ServingClient client = new ServingClient();
                JsonNode sig = client.get(URI.create(server.modelUri() + "/metadata")).body()
                        .at("/metadata/signature_def/signature_def/serving_default");
                assertThat(sig.at("/inputs/" + KerasFileServable.INPUT + "/tensor_shape/dim").size()).isEqualTo(3);
                assertThat(sig.at("/outputs/" + KerasFileServable.OUTPUT + "/tensor_shape/dim/1/size").asText()).isEqualTo("3");
                ServingClient.Reply r = client.post(URI.create(server.modelUri() + ":predict"), instances(pixels, 10));
                assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
                for (int i = 0; i < 10; i++) {
                    assertThat(ServingClient.floats(r.body().at("/predictions/" + i))).as("row " + i).isEqualTo(expected[i]);
                }
            } finally {
                assertThat(server.stop()).isZero();
            }
        }
    }

    /** @return {@code {"instances": [...]}} for the first {@code n} samples of 3 x 4 values */
    private static String instances(float[] values, int n) {
        StringBuilder b = new StringBuilder("{\"instances\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "[" : ",[");
            for (int r = 0; r < 3; r++) {
                b.append(r == 0 ? "[" : ",[");
                for (int c = 0; c < 4; c++) {
                    b.append(c == 0 ? "" : ",").append(values[i * 12 + r * 4 + c]);
                }
                b.append(']');
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }
}
