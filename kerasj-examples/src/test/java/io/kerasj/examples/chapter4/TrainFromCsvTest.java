package io.kerasj.examples.chapter4;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.data.Targets;
import io.kerasj.layers.Naming;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.csv.CsvSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainFromCsv} and {@link HousingCsv}: the course's chapter 4 on CSV shards of California housing. */
class TrainFromCsvTest {
    @TempDir
    Path dir;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    private static Split split() {
        return CourseSplit.get();
    }

    /** The rows of one pass, concatenated: x row-major, then y. */
    static float[][] read(Pipeline rows) {
        List<Element> all = new java.util.ArrayList<>();
        try (ElementIterator it = rows.iterator(0)) {
            it.forEachRemaining(all::add);
        }
        float[] x = new float[all.size() * 8];
        float[] y = new float[all.size()];
        for (int i = 0; i < all.size(); i++) {
            System.arraycopy(all.get(i).x().get(0).floats(), 0, x, i * 8, 8);
            y[i] = all.get(i).y().get(0).floats()[0];
        }
        return new float[][] {x, y};
    }

    @Test
    @Tag("slow")
    void theShardsHoldTheCoursesSplitAndReadBackBitForBit() {
        Split data = split();
        HousingCsv.Shards shards = HousingCsv.write(data, dir.resolve("generate_csv"), false);
        assertThat(shards.train()).hasSize(20);
        assertThat(shards.valid()).hasSize(10);
        assertThat(shards.test()).hasSize(10);
        assertThat(shards.train().get(0).getFileName()).hasToString("train_00.csv");
        float[][] train = read(CsvSource.files(shards.train()).labelName(HousingCsv.LABEL).build());
        assertThat(train[0]).isEqualTo(data.train().floats().toArray()); // Arrays.equals: bit for bit
        assertThat(train[1]).isEqualTo(data.train().y().floatValues());
        float[][] interleaved = read(HousingCsv.rows(shards.test(), HousingCsv.READERS, 3));
        float[] sortedRead = interleaved[1].clone();
        float[] sortedSplit = data.test().y().floatValues().clone();
        java.util.Arrays.sort(sortedRead);
        java.util.Arrays.sort(sortedSplit);
        assertThat(sortedRead).isEqualTo(sortedSplit);
        assertThat(interleaved[1]).isNotEqualTo(data.test().y().floatValues());
    }

    @Test
    @Tag("slow")
    void theStreamedFitEqualsTheInMemoryFitOfTheSameBatchesInTheSameOrder() {
        Split data = split();
        HousingCsv.Shards shards = HousingCsv.write(data, dir.resolve("generate_csv"), false);
        // five files read at once, in a fixed order: every pass gives the same rows in the same order
        Pipeline trainRows = CsvSource.files(shards.train()).labelName(HousingCsv.LABEL).cycleLength(HousingCsv.READERS).build();
        Pipeline validRows = CsvSource.files(shards.valid()).labelName(HousingCsv.LABEL).cycleLength(HousingCsv.READERS).build();
        float[][] train = read(trainRows);
        float[][] valid = read(validRows);
        assertThat(train[1]).hasSize(data.train().count()).isNotEqualTo(data.train().y().floatValues());

        History arrays;
        List<float[]> arrayWeights;
        Map<String, Double> arrayEval;
        FloatSamples validX = FloatSamples.of(valid[0], 8);
        Targets validY = Targets.of(valid[1], 1);
        try (Sequential model = RegressionModel.create(TrainFromCsv.SEED)) {
            arrays = model.fit(FloatSamples.of(train[0], 8), Targets.of(train[1], 1), FitOptions.defaults().epochs(2)
                    .batchSize(32).shuffle(false).verbose(0).validation(new ValidationData(validX, validY)));
            arrayWeights = model.getWeights();
            arrayEval = model.evaluateToMap(validX, validY, 0, System.out);
        }
        Naming.clearSession();
        try (Sequential model = RegressionModel.create(TrainFromCsv.SEED)) {
            History streamed = model.fit(trainRows.batch(32), FitOptions.defaults().epochs(2).verbose(0)
                    .validationData(validRows.batch(32)));
            assertThat(streamed.history()).isEqualTo(arrays.history());
            List<float[]> weights = model.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                assertThat(weights.get(i)).as("weight %d", i).containsExactly(arrayWeights.get(i));
            }
            assertThat(model.evaluateToMap(validRows.batch(32), 0, System.out)).isEqualTo(arrayEval);
        }
    }

    @Test
    @Tag("slow")
    void theCoursesRunOnTheShardsLowersTheLossToASaneValidationMse() {
        Split data = split();
        HousingCsv.Shards shards = HousingCsv.write(data, dir.resolve("generate_csv"), false);
        long start = System.nanoTime();
        TrainFromCsv.Result result = TrainFromCsv.train(shards, data, 10, TrainFromCsv.SEED, 0);
        List<Double> loss = result.history().history().get("loss");
        List<Double> valLoss = result.history().history().get("val_loss");
        System.out.printf("chapter 4 CSV: %d epochs in %.1f s, loss %s, val_loss %s, test %s%n", loss.size(),
                (System.nanoTime() - start) / 1e9, loss, valLoss, result.test());
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(valLoss.get(valLoss.size() - 1)).isBetween(0.2, 0.8);
        assertThat(result.test().get("loss")).isBetween(0.2, 0.8);
        assertThat(result.history().params().get("steps")).isEqualTo(data.train().count() / 32);
    }
}
