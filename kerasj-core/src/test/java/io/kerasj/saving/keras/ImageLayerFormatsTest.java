package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Conv2DTranspose;
import io.kerasj.layers.Cropping2D;
import io.kerasj.layers.DepthwiseConv2D;
import io.kerasj.layers.Layer;
import io.kerasj.layers.SeparableConv2D;
import io.kerasj.layers.UpSampling2D;
import io.kerasj.layers.ZeroPadding2D;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configs of the convolution and shape layers as Keras 3.15's {@code get_config} writes them (copied from it, dtype
 * left out): read, then written back to the same keys with the same arguments; and hostile values refused option by
 * option.
 */
class ImageLayerFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GLOROT = "{\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null, "
            + "\"input_axes\": null, \"output_axes\": null}, \"registered_name\": null}";
    private static final String ZEROS = "{\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null}";

    @Test
    void readsAndWritesWhatKeras3Writes() throws Exception {
        ZeroPadding2D padding = (ZeroPadding2D) roundTrip("ZeroPadding2D",
                "{\"name\": \"zp\", \"trainable\": true, \"padding\": [[0, 1], [1, 0]], \"data_format\": \"channels_last\"}");
        assertThat(padding.padding()).isEqualTo(new int[][] {{0, 1}, {1, 0}});
        Cropping2D cropping = (Cropping2D) roundTrip("Cropping2D",
                "{\"name\": \"cr\", \"trainable\": true, \"cropping\": [[1, 2], [2, 1]], \"data_format\": \"channels_last\"}");
        assertThat(cropping.cropping()).isEqualTo(new int[][] {{1, 2}, {2, 1}});
        UpSampling2D up = (UpSampling2D) roundTrip("UpSampling2D", "{\"name\": \"up\", \"trainable\": true, \"size\": [1, 2], "
                + "\"data_format\": \"channels_last\", \"interpolation\": \"bilinear\"}");
        assertThat(up.size()).containsExactly(1, 2);
        assertThat(up.interpolation()).isEqualTo("bilinear");
        DepthwiseConv2D depthwise = (DepthwiseConv2D) roundTrip("DepthwiseConv2D", "{\"name\": \"dw\", \"trainable\": true, \"depth_multiplier\": 2, "
                + "\"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], "
                + "\"activation\": \"linear\", \"use_bias\": true, \"depthwise_initializer\": " + GLOROT + ", \"bias_initializer\": " + ZEROS
                + ", \"depthwise_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, \"depthwise_constraint\": null, "
                + "\"bias_constraint\": null}");
        assertThat(depthwise.depthMultiplier()).isEqualTo(2);
        SeparableConv2D separable = (SeparableConv2D) roundTrip("SeparableConv2D", "{\"name\": \"sep\", \"trainable\": true, \"depth_multiplier\": 1, "
                + "\"filters\": 6, \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_last\", "
                + "\"dilation_rate\": [1, 1], \"activation\": \"linear\", \"use_bias\": true, \"depthwise_initializer\": " + GLOROT
                + ", \"pointwise_initializer\": " + GLOROT + ", \"bias_initializer\": " + ZEROS + ", \"depthwise_regularizer\": null, "
                + "\"pointwise_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, \"depthwise_constraint\": null, "
                + "\"pointwise_constraint\": null, \"bias_constraint\": null}");
        assertThat(separable.filters()).isEqualTo(6);
        SeparableConv2D regularized = (SeparableConv2D) roundTrip("SeparableConv2D", "{\"name\": \"sepr\", \"trainable\": true, "
                + "\"depth_multiplier\": 1, \"filters\": 6, \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\", "
                + "\"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], \"activation\": \"linear\", \"use_bias\": true, "
                + "\"depthwise_initializer\": " + GLOROT + ", \"pointwise_initializer\": " + GLOROT + ", \"bias_initializer\": " + ZEROS
                + ", \"depthwise_regularizer\": {\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, "
                + "\"registered_name\": null}, \"pointwise_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"depthwise_constraint\": null, \"pointwise_constraint\": null, \"bias_constraint\": null}");
        assertThat(regularized.kernelRegularizer()).isNotNull();
        assertThat(problems("SeparableConv2D", "{\"name\": \"sp\", \"filters\": 2, \"kernel_size\": 3, \"pointwise_regularizer\": "
                + "{\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, \"registered_name\": null}}"))
                .singleElement().asString().contains("pointwise_regularizer");
        Conv2DTranspose transpose = (Conv2DTranspose) roundTrip("Conv2DTranspose", "{\"name\": \"tr\", \"trainable\": true, \"filters\": 3, "
                + "\"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"valid\", \"output_padding\": [1, 1], \"data_format\": \"channels_last\", "
                + "\"dilation_rate\": [1, 1], \"activation\": \"linear\", \"use_bias\": true, \"kernel_initializer\": " + GLOROT
                + ", \"bias_initializer\": " + ZEROS + ", \"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"kernel_constraint\": null, \"bias_constraint\": null}");
        assertThat(transpose.outputPadding()).containsExactly(1, 1);
        Conv2D grouped = (Conv2D) roundTrip("Conv2D", "{\"name\": \"g\", \"trainable\": true, \"filters\": 4, \"kernel_size\": [3, 3], "
                + "\"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], \"groups\": 2, "
                + "\"activation\": \"linear\", \"use_bias\": true, \"kernel_initializer\": " + GLOROT + ", \"bias_initializer\": " + ZEROS
                + ", \"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, \"kernel_constraint\": null, "
                + "\"bias_constraint\": null}");
        assertThat(grouped.groups()).isEqualTo(2);
    }

    @Test
    void refusesWhatTheLayersCannotBe() throws Exception {
        assertThat(problems("ZeroPadding2D", "{\"name\": \"z\", \"padding\": [[1, 2, 3], [1, 1]]}"))
                .containsExactly("ZeroPadding2D option padding=[[1,2,3],[1,1]] (layer 'z')");
        assertThat(problems("ZeroPadding2D", "{\"name\": \"z\", \"padding\": -1}")).singleElement().asString()
                .startsWith("ZeroPadding2D (layer 'z'): padding: expected ints from 0");
        assertThat(problems("Cropping2D", "{\"name\": \"c\", \"cropping\": [[1, 1], [1, 2147483647]]}")).singleElement().asString()
                .startsWith("Cropping2D (layer 'c'): cropping: expected ints from 0");
        assertThat(problems("UpSampling2D", "{\"name\": \"u\", \"interpolation\": \"bicubic\"}"))
                .containsExactly("UpSampling2D option interpolation='bicubic' (layer 'u')");
        assertThat(problems("UpSampling2D", "{\"name\": \"u\", \"size\": 100000}")).singleElement().asString()
                .startsWith("UpSampling2D (layer 'u'): size: expected at most");
        assertThat(problems("DepthwiseConv2D", "{\"name\": \"d\", \"kernel_size\": 3, \"depth_multiplier\": 0}"))
                .containsExactly("DepthwiseConv2D option depth_multiplier=0 (layer 'd')");
        assertThat(problems("SeparableConv2D", "{\"name\": \"s\", \"filters\": 2, \"kernel_size\": 3, \"pointwise_regularizer\": \"l2\"}"))
                .containsExactly("SeparableConv2D option pointwise_regularizer='l2' (layer 's')");
        assertThat(problems("Conv2DTranspose", "{\"name\": \"t\", \"filters\": 2, \"kernel_size\": 3, \"dilation_rate\": 2}"))
                .containsExactly("Conv2DTranspose option dilation_rate=2 (layer 't')");
        assertThat(problems("Conv2D", "{\"name\": \"g\", \"filters\": 4, \"kernel_size\": 3, \"groups\": 3}")).singleElement().asString()
                .startsWith("Conv2D (layer 'g'): groups: expected a positive divisor");
    }

    /** Reads the config, writes it back, and checks the keys beyond name and trainable and their non-object values. */
    private static Layer roundTrip(String className, String configText) throws Exception {
        JsonNode config = JSON.readTree(configText);
        List<String> problems = new ArrayList<>();
        LayerFormat format = LayerRegistry.forKerasClass(className).orElseThrow();
        Layer layer = format.read(new LayerConfig(className, config.path("name").asText(), config, JSON.createObjectNode()), null, problems);
        assertThat(problems).isEmpty();
        assertThat(layer.name()).isEqualTo(config.path("name").asText());
        assertThat(LayerRegistry.forLayer(layer)).get().extracting(LayerFormat::kerasClassName).isEqualTo(className);
        ObjectNode written = JSON.createObjectNode();
        format.write(layer, written);
        ObjectNode expected = ((ObjectNode) config).deepCopy();
        expected.remove(List.of("name", "trainable"));
        if (!written.has("activity_regularizer")) {
            expected.remove("activity_regularizer");
        }
        assertThat(fieldNames(written)).as(className + " keys").containsExactlyInAnyOrderElementsOf(fieldNames(expected));
        for (String key : fieldNames(expected)) {
            if (!expected.get(key).isObject()) {
                assertThat(written.get(key)).as(className + " " + key).isEqualTo(expected.get(key));
            } else {
                assertThat(written.get(key).path("class_name")).as(className + " " + key).isEqualTo(expected.get(key).path("class_name"));
            }
        }
        return layer;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> problems(String className, String configText) throws Exception {
        JsonNode config = JSON.readTree(configText);
        List<String> problems = new ArrayList<>();
        Layer layer = LayerRegistry.forKerasClass(className).orElseThrow()
                .read(new LayerConfig(className, config.path("name").asText(), config, JSON.createObjectNode()), null, problems);
        assertThat(layer).isNull();
        return problems;
    }
}
