package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Synchronous data parallelism on TensorFlow's collectives: two workers (two gRPC servers in this JVM, each worker
 * its own model, graph and session), each with batch 32 of its half of every 64-row block, give after one epoch the
 * weights one worker gets with batch 64 on all the rows, within float32 noise. The noise is measured as the
 * trajectory parity tests measure theirs: the same one-worker run from initial weights moved up by one float32 ulp,
 * at least float32's unit roundoff, times 3.
 */
@Tag("slow")
class MultiWorkerMirroredStrategyTest {
    private static final int FEATURES = 8;
    private static final int ROWS = 2048;
    private static final int GLOBAL_BATCH = 64;
    private static final long SEED = 26;
    private static final double NOISE_FACTOR = 3;
    private static final double NOISE_FLOOR = Math.ulp(1f) / 2;

    private static final float[] X = new float[ROWS * FEATURES];
    private static final float[] Y = new float[ROWS];

    static {
        Random random = new Random(7);
        for (int i = 0; i < ROWS; i++) {
            double t = 0;
            for (int f = 0; f < FEATURES; f++) {
                float v = (float) random.nextGaussian();
                X[i * FEATURES + f] = v;
                t += Math.sin(f + 1) * v + 0.3 * v * v;
            }
            Y[i] = (float) t;
        }
    }

    /** A fit's final weights and its first epoch's logged loss. */
    private record Run(List<float[]> weights, double loss) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoWorkersOfBatch32GiveTheWeightsOfOneWorkerOfBatch64() throws Exception {
        Run alone = trainAlone(w -> w);
        List<float[]> one = alone.weights();
        List<float[]> ulp = trainAlone(w -> {
            float[] up = w.clone();
            for (int i = 0; i < up.length; i++) {
                up[i] = Math.nextUp(up[i]);
            }
            return up;
        }).weights();
        double noise = Math.max(relativeDistance(ulp, one), NOISE_FLOOR);

        List<String> cluster = List.of("localhost:" + MultiWorkerMirroredStrategy.freePort(),
                "localhost:" + MultiWorkerMirroredStrategy.freePort());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<List<float[]>> workers = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int task = 0; task < 2; task++) {
                int t = task;
                runs.add(pool.submit(() -> trainWorker(cluster, t)));
            }
            for (Future<Run> run : runs) {
                Run done = run.get(100, TimeUnit.SECONDS);
                workers.add(done.weights());
                losses.add(done.loss());
            }
        } finally {
            pool.shutdownNow();
        }
        double distance = relativeDistance(workers.get(0), one);
        System.out.printf("data-parallel: 2 workers x 32 vs 1 x 64: relative weight distance %.3e; noise (1 ulp) %.3e;"
                + " bound %.3e%n", distance, noise, NOISE_FACTOR * noise);
        assertThat(relativeDistance(workers.get(1), workers.get(0))).as("both workers hold the same weights").isZero();
        assertThat(relativeDistance(workers.get(0), initial())).as("training moved the weights").isGreaterThan(1e-3);
        assertThat(distance).isLessThanOrEqualTo(NOISE_FACTOR * noise);
        // the logged loss is the group's (the workers' mean), so the global batch's, on every worker
        assertThat(losses.get(1)).isEqualTo(losses.get(0));
        assertThat(losses.get(0)).isCloseTo(alone.loss(), org.assertj.core.api.Assertions.within(1e-5 * alone.loss()));
    }

    private static Sequential model() {
        Sequential model = new Sequential(SEED);
        model.add(new Input(FEATURES)).add(new Dense(32, "relu")).add(new Dense(1));
        model.compile(new MeanSquaredError(), new SGD(0.01, 0.9, false));
        return model;
    }

    private static List<float[]> initial() {
        try (Sequential model = model()) {
            return model.getWeights();
        }
    }

    private static Run trainAlone(Function<float[], float[]> start) {
        try (Sequential model = model()) {
            List<float[]> weights = new ArrayList<>();
            model.getWeights().forEach(w -> weights.add(start.apply(w)));
            model.setWeights(weights);
            History history = model.fit(FloatSamples.of(X, FEATURES), Targets.of(Y, 1),
                    FitOptions.defaults().epochs(1).batchSize(GLOBAL_BATCH).shuffle(false).verbose(0));
            return new Run(model.getWeights(), history.history().get("loss").get(0));
        }
    }

    /** Worker {@code task} takes rows [64b + 32 task, 64b + 32 task + 32) of every block b, in order. */
    private static Run trainWorker(List<String> cluster, int task) {
        int half = GLOBAL_BATCH / 2;
        float[] x = new float[ROWS / 2 * FEATURES];
        float[] y = new float[ROWS / 2];
        int k = 0;
        for (int block = 0; block < ROWS / GLOBAL_BATCH; block++) {
            for (int r = 0; r < half; r++, k++) {
                int row = block * GLOBAL_BATCH + task * half + r;
                System.arraycopy(X, row * FEATURES, x, k * FEATURES, FEATURES);
                y[k] = Y[row];
            }
        }
        MultiWorkerMirroredStrategy strategy = new MultiWorkerMirroredStrategy(cluster, task);
        try (Sequential model = model()) {
            model.distributeStrategy(strategy);
            History history = model.fit(FloatSamples.of(x, FEATURES), Targets.of(y, 1),
                    FitOptions.defaults().epochs(1).batchSize(half).shuffle(false).verbose(0));
            return new Run(model.getWeights(), history.history().get("loss").get(0));
        }
    }

    @Test
    void aStrategyIsSetBeforeTheModelRuns() {
        try (Sequential model = model()) {
            model.getWeights();
            assertThatThrownBy(() -> model.distributeStrategy(null)).isInstanceOf(IllegalStateException.class);
        }
    }

    /** ||a - b|| / ||b|| over all weights flattened. */
    private static double relativeDistance(List<float[]> a, List<float[]> b) {
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
