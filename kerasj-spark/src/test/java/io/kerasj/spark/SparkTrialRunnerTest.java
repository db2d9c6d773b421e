package io.kerasj.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.tuner.CourseHyperModel;
import io.kerasj.tuner.RandomSearch;
import io.kerasj.tuner.SearchResult;
import io.kerasj.tuner.TrialResult;
import io.kerasj.tuner.Tuner;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's search with one Spark task per trial in {@code local[2]}, two at a time: its trials complete, the
 * first trains to the score it gets on a local thread, and the table comes back as a DataFrame.
 */
@Tag("slow")
class SparkTrialRunnerTest {
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("kerasj-spark tuner test").config("spark.ui.enabled", "false")
                .config("spark.task.cpus", "1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static RandomSearch tuner(Path dir, int trials) {
        RandomSearch tuner = new RandomSearch(CourseHyperModel.hyperModel(), "val_loss", trials);
        tuner.seed(5).directory(dir);
        return tuner;
    }

    @Test
    void oneTaskPerTrialGivesTheLocalSearchsTrialsAndATable() {
        assertThat(SparkTrialRunner.slots(spark)).isEqualTo(2);
        SparkTrialRunner.DataSource rows = () -> CourseHyperModel.data(512, 256);
        SearchResult two;
        long start = System.nanoTime();
        try (SparkTrialRunner runner = new SparkTrialRunner(spark, "course-512", rows, 2)) {
            two = tuner(tmp.resolve("spark"), 2).search(runner, 1);
        }
        System.out.printf("kerasj-spark tuner: 2 trials (the session's first jobs), 2 Spark tasks at once: %.1f trials/min%n",
                2 / ((System.nanoTime() - start) / 60e9));
        assertThat(two.trials()).hasSize(2).allMatch(TrialResult::completed);
        // the same trial on a local thread (one op thread, as spark.task.cpus=1 gives the task) trains to the same score
        Tuner local = tuner(tmp.resolve("local"), 1).parallelTrials(2);
        SearchResult one = local.search(rows.get(), 1);
        assertThat(one.trials().get(0).hyperparameters()).isEqualTo(two.trials().get(0).hyperparameters());
        assertThat(one.trials().get(0).score()).isCloseTo(two.trials().get(0).score(), within(1e-5));
        List<Row> frame = SparkTuning.resultsFrame(spark, two).orderBy("score").collectAsList();
        assertThat(frame).hasSize(2);
        assertThat(frame.get(0).getString(0)).isEqualTo(two.best().orElseThrow().id());
        assertThat(frame.get(0).<Double>getAs("score")).isEqualTo(two.best().orElseThrow().score());
        assertThat(frame.get(0).<Long>getAs("n_hidden")).isEqualTo(two.bestHyperparameters().values().get("n_hidden"));
        assertThat(two.bestModel()).isRegularFile();
    }
}
