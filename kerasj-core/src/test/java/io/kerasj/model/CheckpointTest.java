package io.kerasj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.KerasJException;
import io.kerasj.callbacks.History;
import io.kerasj.train.SGD;
import io.kerasj.train.SparseCategoricalCrossentropy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path tmp;

    @Test
    void resumingFromACheckpointEndsAsTheUninterruptedRun() {
        SmallProblems data = SmallProblems.blobs(500, 3);
        List<float[]> straightWeights;
        History straight;
        try (Sequential model = compiled(31)) {
            straight = model.fit(data.x, data.y, options(4));
            straightWeights = model.getWeights();
        }
        Path dir = tmp.resolve("ck");
        try (Sequential model = compiled(31)) {
            History first = new History();
            model.fit(data.x, data.y, options(2).history(first).callback(new CheckpointCallback(model, first, dir)));
        }
        Checkpoint checkpoint = Checkpoint.read(dir);
        assertThat(checkpoint.epochsDone()).isEqualTo(2);
        try (Sequential model = compiled(31)) {
            checkpoint.restoreInto(model);
            History resumed = checkpoint.history();
            model.fit(data.x, data.y, options(4).history(resumed).initialEpoch(2));
            assertThat(resumed.history()).isEqualTo(straight.history());
            List<float[]> weights = model.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                assertThat(weights.get(i)).containsExactly(straightWeights.get(i));
            }
        }
    }

    @Test
    void aDamagedCheckpointIsAClearError() throws Exception {
        SmallProblems data = SmallProblems.blobs(60, 4);
        Path dir = tmp.resolve("ck");
        try (Sequential model = compiled(5)) {
            History history = model.fit(data.x, data.y, options(1));
            Checkpoint.of(model, 1, history).write(dir);
        }
        Path state = dir.resolve("state.bin");
        Files.write(state, java.util.Arrays.copyOf(Files.readAllBytes(state), 100));
        assertThatThrownBy(() -> Checkpoint.read(dir)).isInstanceOf(KerasJException.class).hasMessageContaining("state.bin");
        assertThatThrownBy(() -> Checkpoint.read(tmp.resolve("none"))).isInstanceOf(KerasJException.class)
                .hasMessageContaining("checkpoint.json");
    }

    @Test
    void aCheckpointOfAnotherSeedIsRefused() {
        SmallProblems data = SmallProblems.blobs(60, 4);
        try (Sequential model = compiled(5); Sequential other = compiled(6)) {
            History history = model.fit(data.x, data.y, options(1));
            Checkpoint checkpoint = Checkpoint.of(model, 1, history);
            assertThatThrownBy(() -> checkpoint.restoreInto(other)).hasMessageContaining("seed 5");
        }
    }

    private static Sequential compiled(long seed) {
        Sequential model = SmallProblems.mlp(seed);
        model.compile(new SparseCategoricalCrossentropy(), new SGD(0.05, 0.9, false), "accuracy");
        return model;
    }

    private static FitOptions options(int epochs) {
        return FitOptions.defaults().epochs(epochs).verbose(0);
    }
}
