package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LeakyReLU;
import io.kerasj.layers.Normalization;
import io.kerasj.layers.ReLU;
import io.kerasj.layers.Rescaling;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the activation, dropout and preprocessing layers read and write Keras 3's configs (and older spellings). */
class ActivationLayerFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Layer read(String className, String config, List<String> problems) throws Exception {
        JsonNode c = JSON.readTree(config);
        ObjectNode entry = JSON.createObjectNode().put("class_name", className).put("module", "keras.layers");
        entry.set("config", c);
        return LayerRegistry.forKerasClass(className).orElseThrow().read(new LayerConfig(className, "l", c, entry), null, problems);
    }

    private static ObjectNode write(Layer layer) {
        ObjectNode config = JSON.createObjectNode();
        LayerRegistry.forLayer(layer).orElseThrow().write(layer, config);
        return config;
    }

    @Test
    void readsOldAndNewActivationNames() throws Exception {
        List<String> problems = new ArrayList<>();
        assertThat(((ActivationLayer) read("Activation", "{\"activation\": \"swish\"}", problems)).activation()).isSameAs(Activation.SILU);
        assertThat(((ActivationLayer) read("Activation", "{\"activation\": \"hard_swish\"}", problems)).activation()).isSameAs(Activation.HARD_SILU);
        assertThat(((ActivationLayer) read("Activation", "{\"activation\": \"mish\"}", problems)).activation()).isSameAs(Activation.MISH);
        assertThat(problems).isEmpty();
        assertThat(write(new ActivationLayer("swish")).path("activation").asText()).isEqualTo("silu");
    }

    @Test
    void reluAndLeakyReluOptionsRoundTrip() throws Exception {
        List<String> problems = new ArrayList<>();
        ReLU relu = (ReLU) read("ReLU", "{\"max_value\": 6.0, \"negative_slope\": 0.1, \"threshold\": 0.5}", problems);
        assertThat(relu.maxValue()).isEqualTo(6f);
        assertThat(write(relu).toString()).isEqualTo("{\"max_value\":6.0,\"negative_slope\":0.1,\"threshold\":0.5}");
        assertThat(write(new ReLU()).path("max_value").isNull()).isTrue();
        assertThat(((LeakyReLU) read("LeakyReLU", "{\"alpha\": 0.1}", problems)).negativeSlope()).isEqualTo(0.1f);
        assertThat(((LeakyReLU) read("LeakyReLU", "{}", problems)).negativeSlope()).isEqualTo(0.3f);
        assertThat(problems).isEmpty();
        assertThat(read("ReLU", "{\"max_value\": \"big\"}", problems)).isNull();
        assertThat(problems).singleElement().asString().contains("max_value");
    }

    @Test
    void dropoutNoiseShapeAndSeed() throws Exception {
        List<String> problems = new ArrayList<>();
        Dropout d = (Dropout) read("Dropout", "{\"rate\": 0.2, \"noise_shape\": [null, 1, 1, 1], \"seed\": 5}", problems);
        assertThat(d.noiseShape()).containsExactly(-1, 1, 1, 1);
        assertThat(write(d).toString()).isEqualTo("{\"rate\":0.2,\"seed\":5,\"noise_shape\":[null,1,1,1]}");
        assertThat(problems).isEmpty();
        assertThat(read("Dropout", "{\"rate\": 0.2, \"noise_shape\": [null, -3]}", problems)).isNull();
        assertThat(read("SpatialDropout2D", "{\"rate\": 0.2, \"data_format\": \"channels_first\"}", problems)).isNull();
        assertThat(problems).hasSize(2);
    }

    @Test
    void rescalingAndNormalizationTakeListsAndNumpyArrays() throws Exception {
        List<String> problems = new ArrayList<>();
        Rescaling r = (Rescaling) read("Rescaling", "{\"scale\": {\"class_name\": \"__numpy__\", \"config\": {\"value\": [0.5, 0.25], "
                + "\"dtype\": \"float32\"}}, \"offset\": 1.0}", problems);
        assertThat(r.scale()).containsExactly(0.5f, 0.25f);
        assertThat(write(r).toString()).isEqualTo("{\"scale\":[0.5,0.25],\"offset\":1.0}");
        Normalization n = (Normalization) read("Normalization", "{\"axis\": [3], \"mean\": [1, 2], \"variance\": [4, 9], \"invert\": false}", problems);
        assertThat(n.axis()).isEqualTo(3);
        assertThat(n.givenVariance()).containsExactly(4f, 9f);
        assertThat(write(n).toString()).isEqualTo("{\"axis\":[3],\"invert\":false,\"mean\":[1.0,2.0],\"variance\":[4.0,9.0]}");
        assertThat(problems).isEmpty();
        assertThat(read("Normalization", "{\"axis\": [1, 2]}", problems)).isNull();
        assertThat(read("Normalization", "{\"mean\": [1]}", problems)).isNull();
        assertThat(read("Rescaling", "{\"scale\": [\"a\"]}", problems)).isNull();
        assertThat(problems).hasSize(3);
    }

    @Test
    void keepdimsIsReadAndWritten() throws Exception {
        List<String> problems = new ArrayList<>();
        Layer pooling = read("GlobalAveragePooling2D", "{\"keepdims\": true, \"data_format\": \"channels_last\"}", problems);
        assertThat(write(pooling).path("keepdims").asBoolean()).isTrue();
        assertThat(problems).isEmpty();
    }
}
