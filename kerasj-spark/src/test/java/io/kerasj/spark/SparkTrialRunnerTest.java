package io.kerasj.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.tuner.CourseHyperModel;
import io.kerasj.tuner.RandomSearch;
import io.kerasj.tuner.SearchResult;
import io.kerasj.tuner.TrialResult;
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
 * The course's search with one Spark task per trial in {@code local[2]}: 1 trial one task at a time, then 3 two at
 * a time; the same seed plans the same trials and trains them to the same scores, and the table comes back as a
 * DataFrame. Prints the trials per minute of each.
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

    private SearchResult search(String name, int trials, int parallel) {
        RandomSearch tuner = new RandomSearch(CourseHyperModel.hyperModel(), "val_loss", trials);
        tuner.seed(5).directory(tmp.resolve(name));
        SparkTrialRunner.DataSource rows = () -> CourseHyperModel.data(512, 256);
        long start = System.nanoTime();
        try (SparkTrialRunner runner = new SparkTrialRunner(spark, "course-512", rows, parallel)) {
            SearchResult result = tuner.search(runner, 1);
            double minutes = (System.nanoTime() - start) / 60e9;
            System.out.printf("kerasj-spark tuner: %d trials, %d Spark task(s) at once: %.1f trials/min%n", trials, parallel,
                    trials / minutes);
            return result;
        }
    }

    @Test
    void oneTaskPerTrialGivesTheLocalSearchsTrialsAndATable() {
        assertThat(SparkTrialRunner.slots(spark)).isEqualTo(2);
        SearchResult one = search("one", 1, 1);
        SearchResult two = search("two", 3, 2);
        assertThat(two.trials()).hasSize(3).allMatch(TrialResult::completed);
        for (int i = 0; i < 1; i++) {
            assertThat(two.trials().get(i).hyperparameters()).isEqualTo(one.trials().get(i).hyperparameters());
            assertThat(two.trials().get(i).score()).isCloseTo(one.trials().get(i).score(), within(1e-5));
        }
        List<Row> frame = SparkTuning.resultsFrame(spark, two).orderBy("score").collectAsList();
        assertThat(frame).hasSize(3);
        assertThat(frame.get(0).getString(0)).isEqualTo(two.best().orElseThrow().id());
        assertThat(frame.get(0).<Double>getAs("score")).isEqualTo(two.best().orElseThrow().score());
        assertThat(frame.get(0).<Long>getAs("n_hidden")).isEqualTo(two.bestHyperparameters().values().get("n_hidden"));
        assertThat(two.bestModel()).isRegularFile();
    }
}
