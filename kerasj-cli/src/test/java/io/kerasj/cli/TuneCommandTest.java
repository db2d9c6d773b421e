package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.CaliforniaHousingData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj tune}: a two-trial search on 512 rows killed with SIGKILL after its first trial, then started again:
 * only the missing trial runs, and the table, the best hyperparameters and the best model come out; and its usage
 * errors.
 */
@Tag("slow")
class TuneCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aSearchKilledAfterItsFirstTrialRunsOnlyTheOthersWhenStartedAgain() throws Exception {
        Path dir = tmp.resolve("killed");
        String[] args = {"tune", "--max-trials", "2", "--epochs", "2", "--train-rows", "512", "--seed", "4",
                "--data-dir", CaliforniaHousingData.dir().toString(), "--results", dir.toString()};
        Path log = tmp.resolve("killed.log");
        Process process = KerasJProcess.start(tmp, log, args);
        Path first = dir.resolve("trial_0000.json");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(first) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor(); // kill -9
        assertThat(first).as(Files.readString(log)).exists();
        byte[] before = Files.readAllBytes(first);
        long finished;
        try (var files = Files.list(dir)) {
            finished = files.filter(p -> p.getFileName().toString().matches("trial_\\d+\\.json")).count();
        }

        KerasJTest.Run again = KerasJTest.run(args);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Random search (California housing): 2 trials", "Resuming",
                finished + " of 2 trials finished before", (2 - finished) + " trial(s) run", "n_hidden", "0000 ", "0001 ",
                "Best hyperparameters: {n_hidden=", "best_model.keras");
        assertThat(Files.readAllBytes(first)).isEqualTo(before);
        assertThat(dir.resolve("trial_0001.json")).exists();
        assertThat(dir.resolve("best_model.keras")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(3);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void usageErrorsExitTwoBeforeAnyWork() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("mine.txt"), "x");
        KerasJTest.Run refused = KerasJTest.run("tune", "--results", foreign.toString(), "--overwrite");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("not a KerasJ output").doesNotContain("\tat ");
        assertThat(foreign.resolve(".kerasj-tuner")).doesNotExist();

        KerasJTest.Run zero = KerasJTest.run("tune", "--results", tmp.resolve("r").toString(), "--max-trials", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-trials: expected at least 1, found 0");
        assertThat(KerasJTest.run("tune").exitCode()).isEqualTo(2);
        assertThat(tmp.resolve("r")).doesNotExist();
    }
}
