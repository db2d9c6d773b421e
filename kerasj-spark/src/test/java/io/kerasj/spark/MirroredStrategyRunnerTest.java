package io.kerasj.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.LambdaCallback;
import io.kerasj.callbacks.ModelCheckpoint;
import io.kerasj.callbacks.TensorBoard;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import io.kerasj.saving.keras.KerasFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on Spark {@code local[2]}: a barrier stage of two tasks exchanges the workers' addresses with
 * {@code allGather}, each starts a TensorFlow server and trains on its partition with batch 32, the gradients averaged
 * by TensorFlow's collectives; the chief alone writes History, TensorBoard logs, checkpoints and the model, whose
 * weights are one worker's with batch 64 on the same rows in the same order, within float32 noise (measured as the
 * trajectory parity tests measure theirs: a 1-ulp move of the initial weights, at least the unit roundoff, times 3).
 * Then a fault: a worker that fails mid-epoch fails the barrier stage, Spark retries it, and BackupAndRestore resumes
 * from the last finished epoch to the uninterrupted run's weights, bit for bit.
 */
@Tag("slow")
class MirroredStrategyRunnerTest {
    private static final int FEATURES = 8;
    private static final int ROWS = 2048;
    private static final int GLOBAL_BATCH = 64;
    private static final int EPOCHS = 2;
    private static final long SEED = 26;

    static SparkSession spark;
    static JavaSparkContext jsc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        // local[2]: two slots, no task retries; a failed barrier stage is retried as a stage (spark.stage.maxConsecutiveAttempts)
        spark = SparkSession.builder().master("local[2]").appName("kerasj data-parallel test").config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Rows of FEATURES values then the target. */
    static float[][] rows() {
        Random random = new Random(7);
        float[][] rows = new float[ROWS][FEATURES + 1];
        for (int i = 0; i < ROWS; i++) {
            double t = 0;
            for (int f = 0; f < FEATURES; f++) {
                float v = (float) random.nextGaussian();
                rows[i][f] = v;
                t += Math.sin(f + 1) * v + 0.3 * v * v;
            }
            rows[i][FEATURES] = (float) t;
        }
        return rows;
    }

    static Sequential model() {
        Sequential model = new Sequential(SEED);
        model.add(new Input(FEATURES)).add(new Dense(32, "relu")).add(new Dense(1));
        model.compile(new MeanSquaredError(), new SGD(0.01, 0.9, false));
        return model;
    }

    static FloatSamples x(List<float[]> rows) {
        float[] x = new float[rows.size() * FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * FEATURES, FEATURES);
        }
        return FloatSamples.of(x, FEATURES);
    }

    static Targets y(List<float[]> rows) {
        float[] y = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i)[FEATURES];
        }
        return Targets.of(y, 1);
    }

    static List<float[]> trainAlone(List<float[]> rows, UnaryOperator<float[]> start) {
        try (Sequential model = model()) {
            List<float[]> weights = new ArrayList<>();
            model.getWeights().forEach(w -> weights.add(start.apply(w)));
            model.setWeights(weights);
            model.fit(x(rows), y(rows), FitOptions.defaults().epochs(EPOCHS).batchSize(GLOBAL_BATCH).shuffle(false).verbose(0));
            return model.getWeights();
        }
    }

    /** What the chief sends back: its weights and its History. */
    record ChiefResult(ArrayList<float[]> weights, LinkedHashMap<String, List<Double>> history) implements java.io.Serializable {
    }

    @Test
    void twoBarrierTasksTrainAsOneWorkerOfTheGlobalBatchOnlyTheChiefWritesAndAFailedWorkerResumes() throws Exception {
        List<float[]> all = List.of(rows());
        JavaRDD<float[]> data = jsc.parallelize(shardsInOrder(), 2); // contiguous halves: partition k = worker k's shard
        String out = tmp.toString();

        long t0 = System.nanoTime();
        ChiefResult chief = new MirroredStrategyRunner(2).run(data, worker -> {
            try (Sequential model = model()) {
                model.distributeStrategy(worker.strategy());
                FitOptions options = FitOptions.defaults().epochs(EPOCHS).batchSize(32).shuffle(false).verbose(0);
                if (worker.isChief()) {
                    options.callback(new TensorBoard(Path.of(out, "logs")))
                            .callback(new ModelCheckpoint(out + "/checkpoints/epoch_{epoch}.keras"));
                }
                var history = model.fit(x(worker.shard()), y(worker.shard()), options);
                if (worker.isChief()) {
                    model.save(Path.of(out, "model.keras"));
                }
                return new ChiefResult(new ArrayList<>(model.getWeights()), history.history());
            }
        });
        System.out.printf("data-parallel on Spark local[2]: %d epochs of %d rows in %.2f s%n", EPOCHS, ROWS, (System.nanoTime() - t0) / 1e9);

        List<float[]> one = trainAlone(all, w -> w);
        List<float[]> ulp = trainAlone(all, w -> {
            float[] up = w.clone();
            for (int i = 0; i < up.length; i++) {
                up[i] = Math.nextUp(up[i]);
            }
            return up;
        });
        double noise = Math.max(distance(ulp, one), Math.ulp(1f) / 2);
        double distance = distance(chief.weights(), one);
        System.out.printf("data-parallel on Spark: chief vs 1 x 64: relative weight distance %.3e; bound 3 x %.3e%n", distance, noise);
        assertThat(distance).isLessThanOrEqualTo(3 * noise);
        assertThat(chief.history().get("loss")).hasSize(EPOCHS);

        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("checkpoints", "logs", "model.keras");  // before the fault run's backup folder
        }
        assertThat(new File(out, "checkpoints").list()).containsExactlyInAnyOrder("epoch_1.keras", "epoch_2.keras");
        assertThat(new File(out, "logs").list()).isNotEmpty();
        try (var saved = KerasFiles.load(tmp.resolve("model.keras"))) {
            assertThat(distance(saved.getWeights(), chief.weights())).isZero();
        }

        ChiefResult resumed = trainWithAFailureMidEpoch();
        assertThat(distance(resumed.weights(), chief.weights())).as("resumed against uninterrupted").isZero();
        assertThat(resumed.history().get("loss")).hasSize(EPOCHS);
    }

    /**
     * Worker 1 fails in the middle of epoch 2 on the stage's first attempt; worker 0's collective then times out, the
     * barrier stage fails and Spark runs it again; every worker restores the chief's BackupAndRestore state of epoch 1.
     */
    ChiefResult trainWithAFailureMidEpoch() throws Exception {
        JavaRDD<float[]> data = jsc.parallelize(shardsInOrder(), 2);
        String backup = tmp.resolve("backup").toString();
        long t0 = System.nanoTime();
        ChiefResult resumed = new MirroredStrategyRunner(2).timeoutSeconds(3).run(data, worker -> {
            try (Sequential model = model()) {
                model.distributeStrategy(worker.strategy());
                FitOptions options = FitOptions.defaults().epochs(EPOCHS).batchSize(32).shuffle(false).verbose(0)
                        .stepsPerExecution(8).callback(new BackupAndRestore(Path.of(backup)));
                boolean firstAttempt = org.apache.spark.TaskContext.get().stageAttemptNumber() == 0;
                if (worker.taskIndex() == 1 && firstAttempt) {
                    int[] epochNow = {0};
                    options.callback(new LambdaCallback().onEpochBegin((epoch, logs) -> epochNow[0] = epoch)
                            .onTrainBatchEnd((batch, logs) -> {
                                if (epochNow[0] == 1 && batch == 7) { // epoch 2, after its first chunk of 8 steps
                                    throw new IllegalStateException("worker 1 killed mid-epoch");
                                }
                            }));
                }
                var history = model.fit(x(worker.shard()), y(worker.shard()), options);
                return new ChiefResult(new ArrayList<>(model.getWeights()), history.history());
            }
        });
        System.out.printf("data-parallel on Spark: a worker failed mid-epoch, the stage retried and resumed in %.2f s%n",
                (System.nanoTime() - t0) / 1e9);
        assertThat(Files.exists(Path.of(backup, BackupAndRestore.FILE_NAME))).as("the finished run deletes its state").isFalse();
        return resumed;
    }

    @Test
    void theDataNeedsOnePartitionPerWorker() {
        assertThatThrownBy(() -> new MirroredStrategyRunner(2).run(jsc.parallelize(List.of(new float[1]), 3), w -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 partitions");
    }

    @Test
    void theWorkersHostComesFromTheTasksAddress() {
        assertThat(MirroredStrategyRunner.host("192.0.2.2:39697")).isEqualTo("192.0.2.2");
        assertThat(MirroredStrategyRunner.host("[fd00::2]:39697")).isEqualTo("[fd00::2]");
        assertThat(MirroredStrategyRunner.host("fd00::2")).isEqualTo("[fd00::2]");
        assertThat(MirroredStrategyRunner.host("worker-3")).isEqualTo("worker-3");
    }

    /** Worker k's shard, rows [64b + 32k, 64b + 32k + 32) of every block b, the shards one after the other. */
    static List<float[]> shardsInOrder() {
        List<float[]> all = List.of(rows());
        List<float[]> ordered = new ArrayList<>();
        for (int task = 0; task < 2; task++) {
            for (int block = 0; block < ROWS / GLOBAL_BATCH; block++) {
                ordered.addAll(all.subList(block * GLOBAL_BATCH + task * 32, block * GLOBAL_BATCH + task * 32 + 32));
            }
        }
        return ordered;
    }

    static double distance(List<float[]> a, List<float[]> b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < b.size(); i++) {
            for (int j = 0; j < b.get(i).length; j++) {
                double d = (double) a.get(i)[j] - b.get(i)[j];
                diff += d * d;
                norm += (double) b.get(i)[j] * b.get(i)[j];
            }
        }
        return Math.sqrt(diff / norm);
    }
}
