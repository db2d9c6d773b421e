package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardTest {

    /** Records the batch indices its hooks see, asking for every {@code period}-th batch. */
    static final class BatchRecorder implements Callback {
        final List<Integer> epochs = new ArrayList<>();
        final List<Integer> batches = new ArrayList<>();
        final List<Map<String, Double>> logs = new ArrayList<>();
        private final int period;
        private int epoch;

        BatchRecorder(int period) {
            this.period = period;
        }

        @Override
        public int batchPeriod() {
            return period;
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            this.epoch = epoch;
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            epochs.add(epoch);
            batches.add(batch);
            this.logs.add(Map.copyOf(logs));
        }
    }

    static List<Path> eventFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).toList();
        }
    }

    @Test
    void batchHooksArriveAfterEveryNthBatchOfTheFit() {
        Blobs data = Blobs.of(300, 1); // 10 steps of 32 per epoch
        BatchRecorder every4 = new BatchRecorder(4);
        try (Sequential model = Blobs.mlp(1)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(3).verbose(0).callback(every4));
        }
        List<Integer> fitWide = new ArrayList<>();
        for (int i = 0; i < every4.batches.size(); i++) {
            fitWide.add(every4.epochs.get(i) * 10 + every4.batches.get(i) + 1);
        }
        // each multiple of 4 is a chunk end, and so is each epoch's last batch
        assertThat(fitWide).containsExactly(4, 8, 10, 12, 16, 20, 24, 28, 30);
    }

    @Test
    void theRunningMeansAtAnAlignedBatchDoNotDependOnTheAlignment() {
        Blobs data = Blobs.of(300, 2);
        BatchRecorder every5 = new BatchRecorder(5);
        BatchRecorder eachBatch = new BatchRecorder(1);
        try (Sequential a = Blobs.mlp(3); Sequential b = Blobs.mlp(3)) {
            a.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0).callback(every5));
            b.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0).callback(eachBatch));
        }
        assertThat(every5.batches).containsExactly(4, 9);
        assertThat(every5.logs.get(0).get("loss")).isCloseTo(eachBatch.logs.get(4).get("loss"), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(every5.logs.get(1).get("accuracy")).isEqualTo(eachBatch.logs.get(9).get("accuracy"));
    }

    @Test
    void writesEventFilesUnderTrainAndValidation(@TempDir Path dir) throws IOException {
        Blobs data = Blobs.of(200, 4);
        Path logs = dir.resolve("logs");
        try (Sequential model = Blobs.mlp(4)) {
            model.fit(data.x, data.y, Blobs.options(2, Blobs.of(60, 5))
                    .callback(new TensorBoard(logs).histogramFreq(1).updateFreq(3)));
        }
        assertThat(eventFiles(logs.resolve("train"))).hasSize(1);
        assertThat(eventFiles(logs.resolve("validation"))).hasSize(1);
        assertThat(eventFiles(logs.resolve("train")).get(0).getFileName().toString()).endsWith(".v2");
        assertThat(Files.size(eventFiles(logs.resolve("train")).get(0))).isGreaterThan(1000); // the graph at least
    }

    @Test
    void withoutValidationThereIsNoValidationRun(@TempDir Path dir) throws IOException {
        Blobs data = Blobs.of(100, 6);
        try (Sequential model = Blobs.mlp(6)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0).callback(new TensorBoard(dir).writeGraph(false)));
        }
        assertThat(eventFiles(dir.resolve("train"))).hasSize(1);
        assertThat(dir.resolve("validation")).doesNotExist();
    }

    @Test
    void refusesBadArguments(@TempDir Path dir) {
        assertThatThrownBy(() -> new TensorBoard(dir).updateFreq("often"))
                .hasMessage("update_freq: expected \"epoch\", \"batch\" or a positive number, found \"often\"");
        assertThatThrownBy(() -> new TensorBoard(dir).updateFreq(0)).hasMessageStartingWith("update_freq: expected");
        assertThatThrownBy(() -> new TensorBoard(dir).histogramFreq(-1)).hasMessageStartingWith("histogram_freq: expected");
        assertThat(new TensorBoard(dir).updateFreq("batch").batchPeriod()).isEqualTo(1);
        assertThat(new TensorBoard(dir).updateFreq("epoch").batchPeriod()).isZero();
    }
}
