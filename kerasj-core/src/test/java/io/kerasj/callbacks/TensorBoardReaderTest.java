package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorBoard's own event reader (EventAccumulator, in the live Python venv) reads what KerasJ wrote. */
@Tag("python")
class TensorBoardReaderTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void everyScalarReadsBackEqualToTheHistoryAndTheBatchLogs(@TempDir Path dir) throws Exception {
        PythonKeras.require();
        Blobs data = Blobs.of(300, 7); // 10 steps per epoch
        TensorBoardTest.BatchRecorder batches = new TensorBoardTest.BatchRecorder(0);
        History history;
        try (Sequential model = Blobs.mlp(7)) {
            history = model.fit(data.x, data.y, Blobs.options(3, Blobs.of(90, 8))
                    .callback(new TensorBoard(dir).updateFreq(4).histogramFreq(2)).callback(batches));
        }
        JsonNode runs = new ObjectMapper().readTree(PythonKeras.run(120, Map.of(), "tensorboard_events.py", dir.toString()));
        System.out.println("TensorBoard's EventAccumulator read: " + runs);
        JsonNode train = runs.get("train");
        JsonNode validation = runs.get("validation");
        Map<String, List<Double>> h = history.history();

        assertEpochs(train.get("scalars").get("epoch_loss"), h.get("loss"));
        assertEpochs(train.get("scalars").get("epoch_accuracy"), h.get("accuracy"));
        assertEpochs(train.get("scalars").get("epoch_learning_rate"), List.of(0.01, 0.01, 0.01));
        assertEpochs(validation.get("scalars").get("epoch_loss"), h.get("val_loss"));
        assertEpochs(validation.get("scalars").get("epoch_accuracy"), h.get("val_accuracy"));
        assertThat(validation.get("scalars").get("evaluation_loss_vs_iterations").toString())
                .startsWith("[[10,").contains("[20,").contains("[30,");

        // batch scalars at fit-wide batches 4, 8, ..., 28: the running means the hooks saw there
        List<Long> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < batches.batches.size(); i++) {
            long fitWide = batches.epochs.get(i) * 10L + batches.batches.get(i) + 1;
            if (fitWide % 4 == 0) {
                steps.add(fitWide);
                losses.add(batches.logs.get(i).get("loss"));
            }
        }
        assertThat(steps).containsExactly(4L, 8L, 12L, 16L, 20L, 24L, 28L);
        JsonNode batchLoss = train.get("scalars").get("batch_loss");
        assertThat(batchLoss).hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            assertThat(batchLoss.get(i).get(0).asLong()).isEqualTo(steps.get(i));
            assertThat(batchLoss.get(i).get(1).asDouble()).isCloseTo(losses.get(i), within(TOLERANCE));
        }
        assertThat(train.get("scalars").has("batch_accuracy")).isTrue();

        assertThat(train.get("histograms").get("sequential/dense/kernel/histogram").toString()).isEqualTo("[0,2]");
        assertThat(train.get("histograms")).hasSize(4);
        assertThat(train.get("graph").asBoolean()).isTrue();
        assertThat(validation.get("histograms")).isEmpty();
    }

    static void assertEpochs(JsonNode events, List<Double> expected) {
        assertThat(events).as("scalar events").hasSize(expected.size());
        for (int epoch = 0; epoch < expected.size(); epoch++) {
            assertThat(events.get(epoch).get(0).asInt()).isEqualTo(epoch);
            assertThat(events.get(epoch).get(1).asDouble()).isCloseTo(expected.get(epoch), within(TOLERANCE));
        }
    }
}
