package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.FashionMnistData;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj notebook --epochs 3 --tensorboard DIR}: TensorBoard's own event reader (EventAccumulator, live
 * Python) finds the epoch scalars under {@code train} and {@code validation}, 3 steps each, equal to
 * {@code history.json}.
 */
@Tag("python")
@Tag("slow")
class NotebookTensorBoardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tensorBoardsReaderFindsTheHistoryInTheLogs(@TempDir Path tmp) throws Exception {
        Path data = FashionMnistData.dir();
        PythonKeras.require();
        Path logs = tmp.resolve("logs");
        Path out = tmp.resolve("run");
        KerasJTest.Run run = KerasJTest.run("notebook", "--epochs", "3", "--data-dir", data.toString(),
                "--out", out.toString(), "--tensorboard", logs.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(logs.toAbsolutePath().normalize().toString());
        JsonNode history = JSON.readTree(out.resolve("history.json").toFile());
        String printed = PythonKeras.run(120, Map.of(), "tensorboard_events.py", logs.toString());
        System.out.println("TensorBoard's EventAccumulator read from kerasj notebook --epochs 3 --tensorboard: " + printed);
        JsonNode runs = JSON.readTree(printed);
        JsonNode train = runs.at("/train/scalars");
        JsonNode validation = runs.at("/validation/scalars");
        assertThat(iterable(train.fieldNames())).contains("epoch_loss", "epoch_accuracy", "epoch_learning_rate");
        assertThat(iterable(validation.fieldNames())).contains("epoch_loss", "epoch_accuracy");
        assertSteps(train.get("epoch_loss"), history.get("loss"));
        assertSteps(train.get("epoch_accuracy"), history.get("accuracy"));
        assertSteps(validation.get("epoch_loss"), history.get("val_loss"));
        assertSteps(validation.get("epoch_accuracy"), history.get("val_accuracy"));
        // the notebook's SGD keeps Keras's default rate, 0.01 as a float32
        assertSteps(train.get("epoch_learning_rate"), JSON.valueToTree(List.of((double) 0.01f, (double) 0.01f, (double) 0.01f)));
        assertThat(runs.at("/train/graph").asBoolean()).isTrue();
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static void assertSteps(JsonNode events, JsonNode expected) {
        assertThat(events).hasSize(3);
        assertThat(expected).hasSize(3);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(events.get(epoch).get(0).asInt()).isEqualTo(epoch);
            assertThat(events.get(epoch).get(1).asDouble()).isCloseTo(expected.get(epoch).asDouble(), within(1e-6));
        }
    }
}
