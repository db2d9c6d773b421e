package io.kerasj.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.KerasJException;
import io.kerasj.io.OutputLock;
import io.kerasj.io.OutputRefusedException;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.KerasFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small random search of the course's space on 512 rows of California housing, two trials at a time: its files,
 * its best model (the best epoch's weights: its validation loss is the best trial's score), a search started again
 * running only the missing trial, a throwing trial recorded as failed, and the folders it refuses.
 */
@Tag("slow")
class RandomSearchTest {
    static TrialData data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        data = CourseHyperModel.data(512, 256);
    }

    private static Tuner course(Path dir) {
        return new RandomSearch(CourseHyperModel.hyperModel(), "val_loss", 3).seed(7).executionsPerTrial(1)
                .parallelTrials(2).directory(dir);
    }

    @Test
    void writesEveryTrialTheTableAndTheBestModel() throws InterruptedException {
        Path dir = tmp.resolve("search");
        SearchResult result = course(dir).search(data, 2);

        assertThat(result.trials()).hasSize(3).allMatch(TrialResult::completed);
        assertThat(result.ranThisTime()).isEqualTo(3);
        for (String f : List.of(".kerasj-tuner", "search.json", "results.csv", "best_model.keras", "trial_0000.json",
                "trial_0001.json", "trial_0002.json", "tensorboard")) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(dir.resolve("tensorboard/trial_0002/execution0/validation")).isDirectory();
        TrialResult best = result.best().orElseThrow();
        assertThat(result.trials()).allMatch(t -> t.score() >= best.score());
        assertThat(best.executions().get(0).get("val_loss")).hasSize(2);
        assertThat(best.score()).isEqualTo(best.executions().get(0).get("val_loss").get(best.bestEpoch()));
        assertThat(result.bestHyperparameters().values()).isEqualTo(best.hyperparameters());
        List<String> csv = lines(dir.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo("trial_id,n_hidden,n_neurons,learning_rate,score,best_epoch,status,seconds,error");
        assertThat(csv).hasSize(4);
        try (Model model = KerasFiles.load(result.bestModel())) {
            double valLoss = model.evaluate(data.validation().floats(), data.validation().y(), 0, null)[0];
            assertThat(valLoss).isCloseTo(best.score(), org.assertj.core.data.Percentage.withPercentage(0.1));
        }

        // killed after two trials: the third is run again, the others are kept
        assertThat(dir.resolve("trial_0001.json").toFile().delete()).isTrue();
        SearchResult resumed = course(dir).search(data, 2);
        assertThat(resumed.ranThisTime()).isEqualTo(1);
        assertThat(resumed.trials()).hasSize(3);
        assertThat(resumed.trials().get(0).score()).isEqualTo(result.trials().get(0).score());
        assertThat(resumed.trials().get(1).hyperparameters()).isEqualTo(result.trials().get(1).hyperparameters());

        // another search in the same folder is refused, the folder left as it was
        assertThatThrownBy(() -> course(dir).seed(8).search(data, 2)).isInstanceOf(OutputRefusedException.class)
                .hasMessageContaining("another search").hasMessageContaining("seed");
        // a folder held by another search is refused at once
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try (OutputLock lock = OutputLock.acquire(dir)) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            held.await();
            assertThatThrownBy(() -> course(dir).search(data, 2)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("another KerasJ run");
        } finally {
            release.countDown();
        }
        other.join();
    }

    @Test
    void aThrowingTrialIsRecordedAsFailedAndTheSearchGoesOn() {
        HyperModel sometimesThrows = hp -> {
            String mode = hp.Choice("mode", "ok", "boom");
            if (mode.equals("boom")) {
                throw new IllegalStateException("boom on purpose");
            }
            io.kerasj.models.Sequential model = new io.kerasj.models.Sequential();
            model.add(new io.kerasj.layers.Input(8));
            model.add(new io.kerasj.layers.Dense(hp.Int("units", 4, 4), "relu"));
            model.add(new io.kerasj.layers.Dense(1));
            model.compile(io.kerasj.losses.Loss.of("mse"), new io.kerasj.optimizers.SGD(0.01));
            return model;
        };
        Path dir = tmp.resolve("grid");
        SearchResult result = new GridSearch(sometimesThrows, "val_loss", 2).seed(1).directory(dir).search(data, 1);
        assertThat(result.trials()).extracting(TrialResult::status).containsExactly(TrialStatus.COMPLETED, TrialStatus.FAILED);
        assertThat(result.trials().get(1).error()).contains("boom on purpose");
        assertThat(result.table()).contains("failed");
        assertThat(lines(dir.resolve("results.csv")).get(2)).contains("FAILED").contains("boom on purpose");
        assertThat(result.best().orElseThrow().hyperparameters()).containsEntry("mode", "ok");
    }

    @Test
    void refusesAFolderKerasJDidNotWrite() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(foreign.resolve("notes.txt"), "my notes");
        assertThatThrownBy(() -> course(foreign).overwrite(true).search(data, 1)).isInstanceOf(OutputRefusedException.class)
                .hasMessageContaining("not a KerasJ output");
        assertThat(Files.readString(foreign.resolve("notes.txt"))).isEqualTo("my notes");
        assertThat(foreign.resolve(".kerasj-tuner")).doesNotExist();
    }

    @Test
    void failedFutureOfARunnerBecomesAFailedTrial() {
        TrialRunner broken = new TrialRunner() {
            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public CompletableFuture<TrialResult> submit(TrialTask task, TrialSpec spec) {
                return CompletableFuture.failedFuture(new IllegalStateException("executor lost"));
            }

            @Override
            public void close() {
            }
        };
        SearchResult result = course(tmp.resolve("lost")).search(broken, 1);
        assertThat(result.trials()).hasSize(3).allMatch(t -> !t.completed() && t.error().contains("executor lost"));
        assertThat(result.bestModel()).isNull();
        assertThat(result.trials().get(0).hyperparameters()).containsOnlyKeys("n_hidden", "n_neurons", "learning_rate");
        assertThat(Map.copyOf(result.trials().get(0).hyperparameters())).isNotEmpty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
