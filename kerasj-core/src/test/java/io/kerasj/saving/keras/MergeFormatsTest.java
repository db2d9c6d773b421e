package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Add;
import io.kerasj.layers.Average;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Dot;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Maximum;
import io.kerasj.layers.Minimum;
import io.kerasj.layers.Multiply;
import io.kerasj.layers.Subtract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merge layers' own configs in {@code .keras} files (class, arguments, name; their inputs are the model graph's
 * business): read from the JSON Keras 3 writes ({@code keras.saving.serialize_keras_object}), written back to the
 * same keys and values, and refused option by option.
 */
class MergeFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DTYPE = "\"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, "
            + "\"registered_name\": null}";

    @Test
    void readsAndWritesWhatKeras3Writes() throws Exception {
        Map<String, Class<? extends Layer>> elementwise = Map.of("Add", Add.class, "Subtract", Subtract.class, "Multiply", Multiply.class,
                "Average", Average.class, "Maximum", Maximum.class, "Minimum", Minimum.class);
        for (var e : elementwise.entrySet()) {
            Layer layer = roundTrip(e.getKey(), "{\"name\": \"m\", \"trainable\": true, " + DTYPE + "}");
            assertThat(layer).isInstanceOf(e.getValue());
        }
        Concatenate concatenate = (Concatenate) roundTrip("Concatenate", "{\"name\": \"concatenate\", \"trainable\": true, " + DTYPE
                + ", \"axis\": 1}");
        assertThat(concatenate.axis()).isEqualTo(1);
        assertThat(((Concatenate) roundTrip("Concatenate", "{\"name\": \"c\"}")).axis()).as("Keras's default").isEqualTo(-1);
        Dot pair = (Dot) roundTrip("Dot", "{\"name\": \"dot\", \"trainable\": true, " + DTYPE + ", \"axes\": [1, 2], \"normalize\": true}");
        assertThat(pair.axes()).containsExactly(1, 2);
        assertThat(pair.normalize()).isTrue();
        Dot single = (Dot) roundTrip("Dot", "{\"name\": \"dot_1\", \"trainable\": true, " + DTYPE + ", \"axes\": -1, \"normalize\": false}");
        assertThat(single.axes()).containsExactly(-1);
        assertThat(single.normalize()).isFalse();
    }

    @Test
    void refusesWhatTheLayersCannotBe() throws Exception {
        assertThat(problems("Concatenate", "{\"name\": \"c\", \"axis\": \"last\"}")).containsExactly("Concatenate option axis='last' (layer 'c')");
        assertThat(problems("Concatenate", "{\"name\": \"c\", \"axis\": 1000000}")).containsExactly("Concatenate option axis=1000000 (layer 'c')");
        assertThat(problems("Dot", "{\"name\": \"d\"}")).containsExactly("Dot option axes=none (layer 'd')");
        assertThat(problems("Dot", "{\"name\": \"d\", \"axes\": [1, 2, 3]}")).containsExactly("Dot option axes=[1,2,3] (layer 'd')");
        assertThat(problems("Dot", "{\"name\": \"d\", \"axes\": [1, [2]]}")).containsExactly("Dot option axes=[1,[2]] (layer 'd')");
        assertThat(problems("Dot", "{\"name\": \"d\", \"axes\": 1, \"normalize\": \"yes\"}")).containsExactly("Dot option normalize='yes' (layer 'd')");
        assertThat(problems("Add", "{\"name\": \"a\", \"dtype\": \"float16\"}")).containsExactly("Add option dtype=float16 (layer 'a')");
    }

    @Test
    void theRegistryNamesEachMergeLayerByItsKerasClass() {
        for (Layer layer : List.of(new Add(), new Subtract(), new Multiply(), new Average(), new Maximum(), new Minimum(), new Concatenate(),
                new Dot(1))) {
            assertThat(LayerRegistry.forLayer(layer)).get().extracting(LayerFormat::kerasClassName).isEqualTo(layer.className());
        }
        assertThat(LayerRegistry.supported()).contains("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot");
    }

    /** Reads the config, checks the name, writes it back and checks the keys beyond name, trainable and dtype. */
    private static Layer roundTrip(String className, String configText) throws Exception {
        JsonNode config = JSON.readTree(configText);
        List<String> problems = new ArrayList<>();
        LayerFormat format = LayerRegistry.forKerasClass(className).orElseThrow();
        Layer layer = format.read(new LayerConfig(className, config.path("name").asText(), config, JSON.createObjectNode()), null, problems);
        assertThat(problems).isEmpty();
        assertThat(layer.name()).isEqualTo(config.path("name").asText());
        ObjectNode written = JSON.createObjectNode();
        format.write(layer, written);
        ObjectNode expected = ((ObjectNode) config).deepCopy();
        expected.remove(List.of("name", "trainable", "dtype"));
        if (className.equals("Concatenate") && !expected.has("axis")) {
            expected.put("axis", -1);
        }
        assertThat(written).as(className + " written").isEqualTo(expected);
        return layer;
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
