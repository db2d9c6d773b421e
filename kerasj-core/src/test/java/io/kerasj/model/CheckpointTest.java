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

    @Test
    void aStateGarbledAtTheSameSizeIsRefusedByItsChecksumAndNothingIsOverwritten() throws Exception {
        Path dir = checkpointAfterOneEpoch();
        Path state = dir.resolve("state.bin");
        byte[] bytes = Files.readAllBytes(state);
        for (int i = 0; i < bytes.length; i += 97) {
            bytes[i] = (byte) 0x7f;
        }
        Files.write(state, bytes);
        byte[] meta = Files.readAllBytes(dir.resolve("checkpoint.json"));
        assertThatThrownBy(() -> Checkpoint.read(dir)).isInstanceOf(KerasJException.class)
                .hasMessageContaining(state.toString()).hasMessageContaining("SHA-256").hasMessageContaining("damaged");
        assertThat(Files.readAllBytes(state)).isEqualTo(bytes);
        assertThat(Files.readAllBytes(dir.resolve("checkpoint.json"))).isEqualTo(meta);
    }

    @Test
    void checkpointJsonIsParsedStrictly() throws Exception {
        Path dir = checkpointAfterOneEpoch();
        Path meta = dir.resolve("checkpoint.json");
        String good = Files.readString(meta);
        assertRefused(meta, good.replaceFirst("\\s*\"epochs_done\" : 1,", ""), "missing field 'epochs_done'");
        assertRefused(meta, good.replaceFirst("\\{", "{ \"extra\" : 1,"), "unknown field 'extra'");
        assertRefused(meta, good + "garbage", "not valid JSON");
        assertRefused(meta, good + "{}", "not valid JSON");
        assertRefused(meta, "", "found an empty file");
        assertRefused(meta, "[]", "found a JSON array");
        assertRefused(meta, good.replaceFirst("\"epochs_done\" : 1", "\"epochs_done\" : 4"), "expected 4 epochs (epochs_done), found 1");
        assertRefused(meta, good.replaceFirst("\"epochs_done\" : 1", "\"epochs_done\" : -1"), "epochs_done: expected a whole number >= 0");
        assertRefused(meta, good.replaceFirst("\"format\" : \"kerasj-checkpoint-1\"", "\"format\" : \"other\""), "format: expected");
        assertRefused(meta, good.replaceFirst("\"shape\" : \\[ 4, 16 \\]", "\"shape\" : [ 4, 2000000000 ]"),
                "holds more values than a Java array can");
        Files.writeString(meta, good.replaceFirst("\"shape\" : \\[ 4, 16 \\]", "\"shape\" : [ 40000, 16000 ]"));
        assertThatThrownBy(() -> Checkpoint.read(dir)).isInstanceOf(KerasJException.class)
                .hasMessageStartingWith(dir.resolve("state.bin") + ": expected 2560000796 bytes").hasMessageEndingWith("found 1052 bytes");
        Files.writeString(meta, good);
        assertThat(Checkpoint.read(dir).epochsDone()).isEqualTo(1);
    }

    @Test
    void aCheckpointIsCheckedAgainstTheModelAndOptimizerItIsLoadedInto() {
        Path dir = checkpointAfterOneEpoch();
        Checkpoint checkpoint = Checkpoint.read(dir);
        try (Sequential wider = new Sequential(5)) {
            wider.add(new io.kerasj.layers.Flatten(SmallProblems.FEATURES));
            wider.add(new io.kerasj.layers.Dense(17, "relu"));
            wider.add(new io.kerasj.layers.Dense(SmallProblems.CLASSES, "softmax"));
            wider.compile(new SparseCategoricalCrossentropy(), new SGD(0.05, 0.9, false), "accuracy");
            assertThatThrownBy(() -> checkpoint.restoreInto(wider)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("dense/kernel[4, 16]").hasMessageContaining("dense/kernel[4, 17]");
        }
        try (Sequential adam = SmallProblems.mlp(5)) {
            adam.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            assertThatThrownBy(() -> checkpoint.restoreInto(adam)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("optimizer");
        }
    }

    @Test
    void aCheckpointDirectoryHoldingOtherFilesIsNeverReplaced() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        SmallProblems data = SmallProblems.blobs(60, 4);
        try (Sequential model = compiled(5)) {
            History history = model.fit(data.x, data.y, options(1));
            assertThatThrownBy(() -> Checkpoint.of(model, 1, history).write(dir))
                    .isInstanceOf(io.kerasj.OutputRefusedException.class).hasMessageContaining("notes.txt");
        }
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aCheckpointOfAModelNotYetTrainedHasNoOptimizerStateAndReadsBack() {
        Path dir = tmp.resolve("untrained");
        List<float[]> weights;
        try (Sequential model = compiled(8)) {
            weights = model.getWeights();
            Checkpoint.of(model, 0, new History()).write(dir);
        }
        Checkpoint checkpoint = Checkpoint.read(dir);
        assertThat(checkpoint.optimizerState()).isEmpty();
        try (Sequential model = compiled(8)) {
            checkpoint.restoreInto(model);
            assertThat(model.getWeights().get(0)).containsExactly(weights.get(0));
        }
    }

    private Path checkpointAfterOneEpoch() {
        SmallProblems data = SmallProblems.blobs(60, 4);
        Path dir = tmp.resolve("ck");
        try (Sequential model = compiled(5)) {
            History history = model.fit(data.x, data.y, options(1));
            Checkpoint.of(model, 1, history).write(dir);
        }
        return dir;
    }

    private static void assertRefused(Path meta, String content, String expected) throws Exception {
        Files.writeString(meta, content);
        assertThatThrownBy(() -> Checkpoint.read(meta.getParent())).as(expected).isInstanceOf(KerasJException.class)
                .hasMessageContaining(meta.toString()).hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
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
