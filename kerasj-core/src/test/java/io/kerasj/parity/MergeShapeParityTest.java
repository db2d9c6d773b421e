package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge layers' shape rules against Keras 3's ({@code python-reference/merge_shapes.py}): for each case, the
 * per-sample output shape Keras gives, or Keras's ValueError message word for word. Where Keras fails otherwise
 * (an IndexError of an axis out of range) KerasJ refuses too, with its own message. Cases marked {@code kerasj:
 * refuses} are the ones Keras accepts symbolically and KerasJ refuses: a concatenation along the batch axis, and a dot
 * product over it (Keras fails there only when the model runs).
 */
@Tag("python")
@Tag("slow")
class MergeShapeParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CASES = """
            [
            {"class": "Add", "shapes": [[4, 3], [4, 3]]},
            {"class": "Add", "shapes": [[4, 3], [5, 3]]},
            {"class": "Add", "shapes": [[4], [1]]},
            {"class": "Add", "shapes": [[1], [4]]},
            {"class": "Add", "shapes": [[3, 1], [1, 4]]},
            {"class": "Add", "shapes": [[4], [2, 3, 4]]},
            {"class": "Add", "shapes": [[2, 3, 4], [3, 1]]},
            {"class": "Add", "shapes": [[3], [3, 1]]},
            {"class": "Add", "shapes": [[3], [3, 4]]},
            {"class": "Add", "shapes": [[1], [3, 2]]},
            {"class": "Add", "shapes": [[], [4]]},
            {"class": "Add", "shapes": [[3]]},
            {"class": "Add", "shapes": [[2, 3], [3], [1]]},
            {"class": "Add", "shapes": [[2, 3], [3], [2]]},
            {"class": "Subtract", "shapes": [[3], [3]]},
            {"class": "Subtract", "shapes": [[2, 1], [5]]},
            {"class": "Subtract", "shapes": [[3], [3], [3]]},
            {"class": "Subtract", "shapes": [[3]]},
            {"class": "Subtract", "shapes": [[3], [4], [3]]},
            {"class": "Multiply", "shapes": [[4], [1]]},
            {"class": "Multiply", "shapes": [[2], [3, 2], [2]]},
            {"class": "Average", "shapes": [[2, 3], [2, 1], [1, 3]]},
            {"class": "Maximum", "shapes": [[5], [5], [5]]},
            {"class": "Maximum", "shapes": [[3], [4]]},
            {"class": "Minimum", "shapes": [[3, 4], [4]]},
            {"class": "Minimum", "shapes": [[3, 4], [3]]},
            {"class": "Concatenate", "shapes": [[3], [4]]},
            {"class": "Concatenate", "shapes": [[3]]},
            {"class": "Concatenate", "shapes": [[2, 3], [2, 5]]},
            {"class": "Concatenate", "shapes": [[2, 3], [4, 3]]},
            {"class": "Concatenate", "shapes": [[2, 1], [2, 3]]},
            {"class": "Concatenate", "shapes": [[1, 3], [2, 3]]},
            {"class": "Concatenate", "shapes": [[1, 2], [1, 3], [1, 4]]},
            {"class": "Concatenate", "args": {"axis": 1}, "shapes": [[2, 3], [4, 3]]},
            {"class": "Concatenate", "args": {"axis": 1}, "shapes": [[2, 3], [4, 1]]},
            {"class": "Concatenate", "args": {"axis": -2}, "shapes": [[2, 3], [4, 3]]},
            {"class": "Concatenate", "args": {"axis": 2}, "shapes": [[2, 3], [2, 4]]},
            {"class": "Concatenate", "args": {"axis": 2}, "shapes": [[2, 3, 2], [2, 1, 2]]},
            {"class": "Concatenate", "shapes": [[3], [4, 5]]},
            {"class": "Concatenate", "args": {"axis": 2}, "shapes": [[2], [2, 5]]},
            {"class": "Concatenate", "args": {"axis": 3}, "shapes": [[2, 3], [2, 3]]},
            {"class": "Concatenate", "args": {"axis": 0}, "shapes": [[2], [2]], "kerasj": "refuses"},
            {"class": "Dot", "args": {"axes": 1}, "shapes": [[3], [3]]},
            {"class": "Dot", "args": {"axes": -1}, "shapes": [[2, 5], [3, 5]]},
            {"class": "Dot", "args": {"axes": [1, 2]}, "shapes": [[3], [5, 3]]},
            {"class": "Dot", "args": {"axes": [1, 2]}, "shapes": [[3], [5, 4]]},
            {"class": "Dot", "args": {"axes": [2, 1]}, "shapes": [[5, 3], [3, 4]]},
            {"class": "Dot", "args": {"axes": [-1, -2]}, "shapes": [[2, 5, 3], [3, 4]]},
            {"class": "Dot", "args": {"axes": [-1, -2]}, "shapes": [[2, 5, 3], [4, 3]]},
            {"class": "Dot", "args": {"axes": 2}, "shapes": [[2, 3, 4], [2, 3, 4]]},
            {"class": "Dot", "args": {"axes": [2, 3]}, "shapes": [[2, 3, 4], [5, 2, 3]]},
            {"class": "Dot", "args": {"axes": -5}, "shapes": [[3, 4], [4, 3]]},
            {"class": "Dot", "args": {"axes": -5}, "shapes": [[3, 3], [3, 3]]},
            {"class": "Dot", "args": {"axes": 1, "normalize": true}, "shapes": [[3, 4], [3, 2]]},
            {"class": "Dot", "args": {"axes": 1}, "shapes": [[3], [3], [3]]},
            {"class": "Dot", "args": {"axes": 1}, "shapes": [[3]]},
            {"class": "Dot", "args": {"axes": [3, 1]}, "shapes": [[2, 3], [3]]},
            {"class": "Dot", "args": {"axes": 0}, "shapes": [[3], [3]], "kerasj": "refuses"}
            ]
            """;

    @TempDir
    Path folder;

    @Test
    void shapesAndRefusalsMatchKeras() throws IOException {
        PythonKeras.require();
        ArrayNode cases = (ArrayNode) JSON.readTree(CASES);
        Path file = folder.resolve("cases.json");
        JSON.writeValue(file.toFile(), cases);
        String[] lines = PythonKeras.run(300, Map.of(), "merge_shapes.py", file.toString()).strip().split("\n");
        assertThat(lines).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            JsonNode keras = JSON.readTree(lines[i]);
            String what = c.path("class") + " " + c.path("args") + " on " + c.path("shapes") + " (Keras: " + keras + ")";
            Object kerasj = javaOutcome(c);
            System.out.println("merge shapes " + what + " -> KerasJ: " + (kerasj instanceof long[] s ? Arrays.toString(s) : kerasj));
            if (c.path("kerasj").asText().equals("refuses")) {
                assertThat(keras.has("shape")).as("Keras accepts " + what).isTrue();
                assertThat(kerasj).as(what).isInstanceOf(IllegalArgumentException.class);
            } else if (keras.has("shape")) {
                assertThat(keras.path("batch").isNull()).as(what).isTrue();
                assertThat(kerasj).as(what).isInstanceOf(long[].class);
                assertThat((long[]) kerasj).as(what).containsExactly(longs(keras.path("shape")));
            } else if (keras.path("error").asText().equals("ValueError")) {
                assertThat(kerasj).as(what).isInstanceOf(IllegalArgumentException.class);
                assertThat(((Throwable) kerasj).getMessage()).as(what).isEqualTo(keras.path("message").asText());
            } else {
                assertThat(kerasj).as(what).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    /** @return the per-sample output shape, or the exception the call threw */
    private static Object javaOutcome(JsonNode c) {
        Layer layer = KerasLayerConfig.of(c.path("class").asText(), c.path("args"));
        List<KerasTensor> inputs = new ArrayList<>();
        c.path("shapes").forEach(s -> inputs.add(new Input(longs(s))));
        Object[] outcome = new Object[1];
        Throwable thrown = catchThrowable(() -> outcome[0] = layer.applyAll(inputs).get(0).shape());
        return thrown != null ? thrown : outcome[0];
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
