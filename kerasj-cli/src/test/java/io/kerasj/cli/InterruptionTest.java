package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.TrainingState;
import io.kerasj.testing.FashionMnistData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code kerasj notebook}: a real SIGINT to a real process, which stops, writes the History of its
 * complete epochs and keeps the last complete checkpoint; resuming from it ends as an uninterrupted run does.
 */
@Tag("slow")
class InterruptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void ctrlCKeepsTheHistoryAndCheckpointAndResumeMatchesAnUninterruptedRun() throws Exception {
        Path checkpoints = tmp.resolve("checkpoints");
        Path interruptedOut = tmp.resolve("interrupted");
        Path log = tmp.resolve("notebook.log");
        Process process = notebookProcess(log, "--epochs", "50", "--out", interruptedOut.toString(),
                "--checkpoint-dir", checkpoints.toString());
        String output;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(checkpoints.resolve(BackupAndRestore.FILE_NAME)) && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(process.isAlive()).as("the notebook still runs after its first checkpoint").isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            // at the end of the running epoch: minutes on a loaded machine
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("stopped within three minutes of Ctrl-C").isTrue();
            output = Files.readString(log);
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isEqualTo(NotebookCommand.INTERRUPTED);
        assertThat(output).contains("Interrupted: kept");

        JsonNode kept = JSON.readTree(interruptedOut.resolve("history.json").toFile());
        int epochsKept = kept.get("loss").size();
        assertThat(epochsKept).isBetween(1, 49);
        TrainingState checkpoint = TrainingState.read(checkpoints.resolve(BackupAndRestore.FILE_NAME));
        assertThat(checkpoint.epochsDone()).isEqualTo(epochsKept);
        assertThat(checkpoint.seed()).isEqualTo(1L);
        try (var leftovers = Files.list(tmp)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp-"));
        }

        int epochs = epochsKept + 1;
        Path resumedOut = tmp.resolve("resumed");
        KerasJTest.Run resumed = KerasJTest.run("notebook", "--data-dir", FashionMnistData.dir().toString(), "--epochs",
                Integer.toString(epochs), "--out", resumedOut.toString(), "--checkpoint-dir", checkpoints.toString(), "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Path straightOut = tmp.resolve("straight");
        KerasJTest.Run straight = KerasJTest.run("notebook", "--data-dir", FashionMnistData.dir().toString(), "--epochs",
                Integer.toString(epochs), "--out", straightOut.toString());
        assertThat(straight.exitCode()).as(straight.err()).isZero();
        assertThat(JSON.readTree(resumedOut.resolve("history.json").toFile()))
                .isEqualTo(JSON.readTree(straightOut.resolve("history.json").toFile()));
        assertThat(JSON.readTree(resumedOut.resolve("predictions.json").toFile()))
                .isEqualTo(JSON.readTree(straightOut.resolve("predictions.json").toFile()));
    }

    /** The output goes to a file, so that a full pipe never stalls the child. */
    private static Process notebookProcess(Path log, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                KerasJ.class.getName(), "notebook", "--data-dir", FashionMnistData.dir().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        builder.redirectOutput(log.toFile());
        return builder.start();
    }

}
