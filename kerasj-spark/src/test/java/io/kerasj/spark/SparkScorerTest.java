package io.kerasj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.BatchShapeTolerance;
import io.kerasj.data.Dataset;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.testing.FashionMnistData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring through Spark in {@code local[2]}: the 10,000 Fashion-MNIST test images (as 8-bit pixels) agree with
 * single-process {@link KerasSavedModel#predict} within {@link BatchShapeTolerance} and with its argmax (Spark's batches
 * are not predict's, and TensorFlow's CPU kernels round by batch shape), with the model loaded once per JVM; bad rows
 * get an error, not a failed job; the model as broadcast bytes; and {@code spark-predict}'s Parquet round trip.
 */
@Tag("slow")
class SparkScorerTest {
    static final Path MODEL = Path.of("saved_models/fashion_mnist_mlp");
    static final StructType FLOAT_ROWS = new StructType().add("index", DataTypes.IntegerType).add("label", DataTypes.IntegerType)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false));

    static SparkSession spark;
    static Dataset test;
    static float[] pixels;
    static float[][] expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        test = FashionMnist.withDefaults(FashionMnistData.dir()).loadData().test();
        pixels = test.scaled().toArray();
        try (KerasSavedModel model = KerasSavedModel.load(MODEL)) {
            model.predict(test.slice(0, 1000).scaled());
            long t0 = System.nanoTime();
            expected = model.predict(test.scaled());
            System.out.printf("kerasj-spark: single-process predict of 10,000 images in %.3f s (%.0f images/s)%n",
                    (System.nanoTime() - t0) / 1e9, 10_000 / ((System.nanoTime() - t0) / 1e9));
        }
        spark = SparkSession.builder().master("local[2]").appName("kerasj-spark test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static final StructType PIXEL_ROWS = new StructType().add("index", DataTypes.IntegerType).add("image", DataTypes.BinaryType);

    /** Rows of raw 8-bit pixels: Spark takes byte arrays as they are, far faster than float arrays from Java rows. */
    static List<Row> pixelRows(int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(RowFactory.create(i, test.image(i)));
        }
        return rows;
    }

    static List<Row> floatRows(int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(RowFactory.create(i, test.label(i), Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784)));
        }
        return rows;
    }

    static void assertScoredAsPredict(List<Row> scored, int count) {
        assertThat(scored).hasSize(count);
        for (Row r : scored) {
            int i = r.getInt(r.fieldIndex("index"));
            assertThat(r.isNullAt(r.fieldIndex(SparkScorer.ERROR))).as("row %d error %s", i, r.getAs(SparkScorer.ERROR)).isTrue();
            List<Float> p = r.getList(r.fieldIndex(SparkScorer.PROBABILITIES));
            float[] got = new float[p.size()];
            for (int c = 0; c < got.length; c++) {
                got[c] = p.get(c);
            }
            assertThat(got).as("row %d", i).usingElementComparator(BatchShapeTolerance.comparator()).containsExactly(expected[i]);
            assertThat(r.getInt(r.fieldIndex(SparkScorer.PREDICTION))).isEqualTo(argmax(expected[i]));
        }
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }

    @Test
    void allTestImagesScoredThroughSparkAgreeWithPredictAndTheModelLoadsOncePerJvm() {
        int loadsBefore = ExecutorModels.loads();
        long t0 = System.nanoTime();
        org.apache.spark.sql.Dataset<Row> input = spark.createDataFrame(pixelRows(0, 10_000), PIXEL_ROWS).repartition(4).cache();
        input.count();
        long t1 = System.nanoTime();
        List<Row> scored = SparkScorer.of(spark, ModelSource.path(MODEL)).featuresColumn("image").batchSize(1000).score(input)
                .select("index", SparkScorer.PROBABILITIES, SparkScorer.PREDICTION, SparkScorer.ERROR).collectAsList();
        long t2 = System.nanoTime();
        System.out.printf("kerasj-spark: input cached in %.2f s; 10,000 images scored through local[2] and collected in %.2f s (%.0f images/s)%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, 10_000 / ((t2 - t1) / 1e9));
        assertScoredAsPredict(scored, 10_000);
        System.out.printf("kerasj-spark: checked in %.2f s%n", (System.nanoTime() - t2) / 1e9);
        assertThat(ExecutorModels.loads() - loadsBefore).as("models loaded for 4 partitions on 2 task threads").isLessThanOrEqualTo(1);
        SparkScorer.of(spark, ModelSource.path(MODEL)).featuresColumn("image").score(input.limit(10)).count();
        assertThat(ExecutorModels.loads() - loadsBefore).as("a second job reuses the loaded model").isLessThanOrEqualTo(1);
        input.unpersist();
    }

    @Test
    void pixelBytesAndBroadcastModelBytesScoreTheSame() {
        List<Row> scored = SparkScorer.of(spark, ModelSource.bytes(MODEL)).featuresColumn("image").batchSize(100)
                .score(spark.createDataFrame(pixelRows(0, 501), PIXEL_ROWS).repartition(3)).collectAsList();
        assertScoredAsPredict(scored, 501);
    }

    @Test
    void badRowsGetAnErrorAndANullPredictionWhileTheOthersAreScored() {
        List<Row> rows = floatRows(0, 5);
        rows.add(RowFactory.create(5, 0, new float[783]));
        float[] nan = Arrays.copyOfRange(pixels, 0, 784);
        nan[17] = Float.NaN;
        rows.add(RowFactory.create(6, 0, nan));
        rows.add(RowFactory.create(7, 0, null));
        List<Row> scored = SparkScorer.of(spark, ModelSource.path(MODEL)).score(spark.createDataFrame(rows, FLOAT_ROWS))
                .orderBy("index").collectAsList();
        assertScoredAsPredict(scored.subList(0, 5), 5);
        assertThat(scored.get(5).<String>getAs(SparkScorer.ERROR)).isEqualTo("features: expected 784 values, found 783");
        assertThat(scored.get(6).<String>getAs(SparkScorer.ERROR)).isEqualTo("features: non-finite value NaN at index 17");
        assertThat(scored.get(7).<String>getAs(SparkScorer.ERROR)).isEqualTo("features: null");
        for (Row bad : scored.subList(5, 8)) {
            assertThat(bad.isNullAt(bad.fieldIndex(SparkScorer.PREDICTION))).isTrue();
            assertThat(bad.isNullAt(bad.fieldIndex(SparkScorer.PROBABILITIES))).isTrue();
        }
    }

    @Test
    void sparkPredictRoundTripsParquetAndNeverReplacesAnOutputUnasked() throws Exception {
        Path in = tmp.resolve("in.parquet");
        spark.createDataFrame(floatRows(0, 300), FLOAT_ROWS).write().parquet(in.toString());
        Path out = tmp.resolve("out.parquet");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = SparkPredict.run(new PrintStream(stdout, true), new PrintStream(stderr, true), "--model", MODEL.toString(),
                "--input", in.toString(), "--output", out.toString(), "--master", "local[2]");
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("300 rows scored (0 with an error)");
        assertScoredAsPredict(spark.read().parquet(out.toString()).collectAsList(), 300);
        try (var leftovers = Files.list(tmp)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.parquet", "out.parquet");
        }

        long before = Files.getLastModifiedTime(out).toMillis();
        stderr.reset();
        int again = SparkPredict.run(new PrintStream(stdout, true), new PrintStream(stderr, true), "--model", MODEL.toString(),
                "--input", in.toString(), "--output", out.toString());
        assertThat(again).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("kerasj spark-predict: error: --output: " + out + " exists; pass --overwrite to replace it");
        assertThat(Files.getLastModifiedTime(out).toMillis()).isEqualTo(before);
        stderr.reset();
        assertThat(SparkPredict.run(new PrintStream(stdout, true), new PrintStream(stderr, true), "--model", "no/model",
                "--input", in.toString(), "--output", tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--model: expected a SavedModel directory, found nothing at no/model");
    }
}
