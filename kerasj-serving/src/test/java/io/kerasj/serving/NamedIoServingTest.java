package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.saving.savedmodel.LoadOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KerasJ model of two named inputs (one int32) and two named outputs, served from its SavedModel and from memory,
 * answers TF Serving's row and columnar formats by name with what the model predicts in Java.
 */
class NamedIoServingTest {
    private static final float[][] WIDE = {{0.5f, -1, 2, 0.25f, 3}, {1, 1, -0.5f, 0, -2}};
    private static final float[][] DEEP = {{1, 4, 7}, {0, 2, 5}};
    private static final String ROWS = "{\"instances\":[{\"wide_input\":[0.5,-1,2,0.25,3],\"deep_input\":[1,4,7]},"
            + "{\"wide_input\":[1,1,-0.5,0,-2],\"deep_input\":[0,2,5]}]}";
    private static final String COLUMNS = "{\"inputs\":{\"wide_input\":[[0.5,-1,2,0.25,3],[1,1,-0.5,0,-2]],"
            + "\"deep_input\":[[1,4,7],[0,2,5]]}}";
    @TempDir
    Path tmp;

    static Model wideAndDeep() {
        Naming.clearSession();
        Input wide = new Input(new long[] {5}, "wide_input");
        Input deep = new Input(new long[] {3}, "int32", "deep_input");
        KerasTensor features = new Dense(4, "relu").name("deep_hidden").apply(deep);
        KerasTensor output = new Dense(3, "softmax").name("output").apply(new Concatenate().apply(wide, features));
        KerasTensor aux = new Dense(1).name("aux_output").apply(features);
        return new Model(List.of(wide, deep), List.of(output, aux)).seed(5);
    }

    private static FloatSamples samples(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return FloatSamples.of(flat, rows[0].length);
    }

    @Test
    void aSavedModelAndTheModelInMemoryAnswerBothFormatsByName() throws Exception {
        Model model = wideAndDeep();
        Map<String, float[][]> expected = model.predictByName(Map.of("wide_input", samples(WIDE), "deep_input", samples(DEEP)));
        model.save(tmp.resolve("wide_deep"));
        try (SavedModelServable saved = SavedModelServable.load(tmp.resolve("wide_deep"), LoadOptions.defaults());
             KerasFileServable memory = KerasFileServable.of(model)) {
            for (ServableModel servable : List.of(saved, memory)) {
                try (ModelServer server = ModelServer.start(servable, ServerOptions.defaults("wide_deep"))) {
                    answersByName(server, expected);
                }
            }
        }
    }

    private static void answersByName(ModelServer server, Map<String, float[][]> expected) throws Exception {
        ServingClient client = new ServingClient();
        URI predict = URI.create(server.modelUri() + ":predict");
        ServingClient.Reply rows = client.post(predict, ROWS);
        assertThat(rows.status()).as(rows.body().toString()).isEqualTo(200);
        JsonNode predictions = rows.body().get("predictions");
        assertThat(predictions).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(predictions.get(i).properties()).hasSize(2);
            assertRow(predictions.get(i).get("output"), expected.get("output")[i]);
            assertRow(predictions.get(i).get("aux_output"), expected.get("aux_output")[i]);
        }
        ServingClient.Reply columns = client.post(predict, COLUMNS);
        assertThat(columns.status()).as(columns.body().toString()).isEqualTo(200);
        JsonNode outputs = columns.body().get("outputs");
        assertThat(outputs.properties()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertRow(outputs.get("output").get(i), expected.get("output")[i]);
            assertRow(outputs.get("aux_output").get(i), expected.get("aux_output")[i]);
        }
        JsonNode metadata = client.get(URI.create(server.modelUri() + "/metadata")).body()
                .at("/metadata/signature_def/signature_def/serving_default");
        assertThat(metadata.at("/inputs/deep_input/dtype").asText()).isEqualTo("DT_INT32");
        assertThat(metadata.at("/inputs/wide_input/dtype").asText()).isEqualTo("DT_FLOAT");
        assertThat(metadata.at("/outputs/aux_output/dtype").asText()).isEqualTo("DT_FLOAT");
        ServingClient.Reply half = client.post(predict, ROWS.replace("[1,4,7]", "[1,4.5,7]"));
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body().get("error").asText()).contains("instances.deep_input: value 4.5 at flat index 1 is not a whole number");
        ServingClient.Reply huge = client.post(predict, COLUMNS.replace("[1,4,7]", "[1,4,16777216]"));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().get("error").asText()).contains("is not a whole number in [-16777215, 16777215]");
        ServingClient.Reply missing = client.post(predict, "{\"inputs\":{\"wide_input\":[[0,0,0,0,0]]}}");
        assertThat(missing.body().get("error").asText()).contains("missing input 'deep_input'");
        ServingClient.Reply shape = client.post(predict, ROWS.replace("[1,4,7]", "[1,4]"));
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.body().get("error").asText()).contains("input 'deep_input' expects shape [-1,3]");
    }

    private static void assertRow(JsonNode row, float[] expected) {
        assertThat(row).hasSize(expected.length);
        for (int c = 0; c < expected.length; c++) {
            assertThat(row.get(c).asDouble()).isCloseTo(expected[c], within(1e-6));
        }
    }
}
