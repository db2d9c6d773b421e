package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.KerasJException;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupAndRestoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunKilledInEpochThreeAndStartedAgainEndsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path uninterrupted = dir.resolve("uninterrupted.json");
        runChild(dir.resolve("backup-a"), uninterrupted);
        assertThat(dir.resolve("backup-a")).as("deleted after a successful fit").doesNotExist();

        Path backup = dir.resolve("backup-b");
        Process child = child(backup, dir.resolve("never.json"), "hang").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null && !line.equals("IN EPOCH 3"); ) {
                lines.add(line);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL; output " + lines).isEqualTo(137);
        assertThat(TrainingState.read(backup.resolve(BackupAndRestore.FILE_NAME)).epochsDone()).isEqualTo(2);

        Path resumed = dir.resolve("resumed.json");
        runChild(backup, resumed);
        JsonNode a = JSON.readTree(uninterrupted.toFile());
        JsonNode b = JSON.readTree(resumed.toFile());
        assertThat(a.get("trained_epochs").toString()).isEqualTo("[0,1,2,3,4]");
        assertThat(b.get("trained_epochs").toString()).as("the rerun trains only the missing epochs").isEqualTo("[2,3,4]");
        assertThat(b.get("history")).isEqualTo(a.get("history"));
        assertThat(b.get("weights")).isEqualTo(a.get("weights"));
        assertThat(a.at("/history/val_loss")).hasSize(5);
        assertThat(backup).doesNotExist();
    }

    @Test
    void aCorruptOrTruncatedStateIsRefusedNamingTheFileAndKept(@TempDir Path dir) throws IOException {
        Blobs data = Blobs.of(64, 23);
        Path backup = dir.resolve("backup");
        try (Sequential model = Blobs.mlp(23)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0).callback(new BackupAndRestore(backup, false)));
        }
        Path file = backup.resolve(BackupAndRestore.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        assertThat(TrainingState.read(file).epochLogs()).hasSize(1);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        Files.write(file, flipped);
        assertRefused(file, data, "checksum mismatch: truncated or corrupted?");
        assertThat(Files.readAllBytes(file)).isEqualTo(flipped);

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 20));
        assertRefused(file, data, "checksum mismatch");
        Files.writeString(file, "my notes");
        assertRefused(file, data, "expected the magic KERASJ-BACKUP");
    }

    private static void assertRefused(Path file, Blobs data, String reason) {
        try (Sequential model = Blobs.mlp(23)) {
            assertThatThrownBy(() -> model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .callback(new BackupAndRestore(file.getParent()))))
                    .isInstanceOf(KerasJException.class)
                    .hasMessageStartingWith("backup_dir: " + file + " is not an intact KerasJ backup (")
                    .hasMessageContaining(reason);
        }
    }

    @Test
    void aStateForAnotherModelIsRefused(@TempDir Path dir) {
        Blobs data = Blobs.of(64, 24);
        try (Sequential model = Blobs.mlp(24)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0).callback(new BackupAndRestore(dir, false)));
        }
        try (Sequential other = new Sequential(24)) {
            other.add(new io.kerasj.layers.Flatten(Blobs.FEATURES));
            other.add(new io.kerasj.layers.Dense(Blobs.CLASSES, "softmax"));
            other.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            assertThatThrownBy(() -> other.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .callback(new BackupAndRestore(dir))))
                    .hasMessageStartingWith("backup_dir: " + dir.resolve(BackupAndRestore.FILE_NAME) + " does not fit this model");
        }
    }

    @Test
    void onlyItsOwnFileIsDeletedAtTheEnd(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Blobs data = Blobs.of(64, 25);
        try (Sequential model = Blobs.mlp(25)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0).callback(new BackupAndRestore(dir)));
        }
        assertThat(dir.resolve(BackupAndRestore.FILE_NAME)).doesNotExist();
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void withDeleteCheckpointFalseTheFinishedRunIsKeptWithItsSeedAndAFinishedRunResumesToNothing(@TempDir Path dir) {
        Blobs data = Blobs.of(64, 26);
        History first;
        List<float[]> weights;
        try (Sequential model = Blobs.mlp(26)) {
            first = model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0).callback(new BackupAndRestore(dir, false)));
            weights = model.getWeights();
        }
        TrainingState state = TrainingState.read(dir.resolve(BackupAndRestore.FILE_NAME));
        assertThat(state.epochsDone()).isEqualTo(2);
        assertThat(state.seed()).isEqualTo(26L);
        assertThat(state.weights()).containsExactlyElementsOf(weights);
        assertThat(state.optimizerState()).isNotEmpty();
        try (Sequential again = Blobs.mlp(27)) {
            History resumed = again.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .callback(new BackupAndRestore(dir, false)));
            assertThat(resumed.history()).as("both epochs restored, none trained").isEqualTo(first.history());
            assertThat(again.getWeights()).containsExactlyElementsOf(weights);
        }
    }

    private static ProcessBuilder child(Path backup, Path out, String mode) {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), BackupChild.class.getName(),
                backup.toString(), out.toString(), mode);
    }

    private static void runChild(Path backup, Path out) throws Exception {
        Path log = Files.createTempFile("kerasj-backup-child-", ".log");
        Process p = child(backup, out, "run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("BackupChild took longer than 120 s");
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(p.exitValue()).as(output).isZero();
    }
}
