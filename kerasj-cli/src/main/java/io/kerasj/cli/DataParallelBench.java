package io.kerasj.cli;

import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.models.FitOptions;
import io.kerasj.models.MultiWorkerMirroredStrategy;
import io.kerasj.models.Sequential;
import io.kerasj.runtime.CollectiveAllReduce;
import io.kerasj.runtime.TargetSession;
import io.kerasj.runtime.TensorFlowServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * {@code kerasj bench --workers N}: what synchronous data parallelism costs on this machine, for the README. Workers are
 * threads of this JVM, each with its own TensorFlow gRPC server on localhost, as in Spark {@code local[N]}: the step
 * time of the notebook's MLP (batch 32 per worker) alone, and in groups of 1 and N workers; the bytes all-reduced per
 * step; the time of one all-reduce of that size on localhost; and the projected scaling efficiency at 8 and 32 workers
 * on 10 GbE under a stated model (ring all-reduce after the backward pass, no overlap).
 */
final class DataParallelBench {
    /** 10 Gbit/s in bytes per second (the line rate; real payload rates are a little lower). */
    static final double TEN_GBE = 10e9 / 8;
    private static final int BATCH = 32;

    private final FashionMnistModels variant;
    private final long seed;
    private final int workers;
    private final int epochs;

    DataParallelBench(FashionMnistModels variant, long seed, int workers, int epochs) {
        this.variant = variant;
        this.seed = seed;
        this.workers = workers;
        this.epochs = epochs;
    }

    int run(Dataset train, int shardRows, PrintWriter out) throws InterruptedException, java.util.concurrent.ExecutionException {
        int rows = Math.min(shardRows, train.count() / workers) / BATCH * BATCH;
        List<Dataset> shards = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            shards.add(train.slice(w * rows, (w + 1) * rows));
        }
        int steps = rows / BATCH;
        long params;
        try (Sequential model = variant.build(seed, shards.get(0).scaled())) {
            params = model.countParams();
        }
        long bytes = params * Float.BYTES;
        double alone = stepMillis(List.of(shards.get(0)), false);
        double groupOfOne = stepMillis(List.of(shards.get(0)), true);
        double group = stepMillis(shards, true);
        double allReduce = allReduceMillis((int) params);
        out.printf("data-parallel bench: %s, %d rows per worker, batch %d per worker (%d steps per epoch), %d measured"
                + " epoch(s) after one warm-up; workers are threads with their own gRPC servers on localhost%n",
                variant.id(), rows, BATCH, steps, epochs);
        out.printf("  step time, 1 worker alone (no server):      %8.3f ms%n", alone);
        out.printf("  step time, group of 1 (gRPC session):       %8.3f ms%n", groupOfOne);
        out.printf("  step time, group of %d:                      %8.3f ms%n", workers, group);
        out.printf("  all-reduced per step: %,d floats = %,d bytes%n", params, bytes);
        out.printf("  one all-reduce of %,d floats, %d workers on localhost: %.3f ms%n", params, workers, allReduce);
        // ring all-reduce: 2(N-1) hops, each of B/N bytes; a hop's latency alpha from the localhost measurement
        double alpha = allReduce / (2.0 * (workers - 1));
        out.printf("  model: t(N) = t_step + 2(N-1)/N * B / bandwidth + 2(N-1) * alpha, B = %,d bytes, bandwidth = 10 GbE"
                + " (%.2f GB/s), t_step = %.3f ms (alone), alpha = %.3f ms (localhost all-reduce / 2(N-1)); efficiency ="
                + " t_step / t(N)%n", bytes, TEN_GBE / 1e9, alone, alpha);
        for (int n : new int[] {2, 8, 32}) {
            double comm = 2.0 * (n - 1) / n * bytes / TEN_GBE * 1e3 + 2.0 * (n - 1) * alpha;
            double wire = 2.0 * (n - 1) / n * bytes / TEN_GBE * 1e3;
            out.printf("  projected at %2d workers: all-reduce %.3f ms, efficiency %.0f%% (bandwidth term alone, alpha = 0:"
                    + " %.3f ms, %.0f%%)%n", n, comm, 100 * alone / (alone + comm), wire, 100 * alone / (alone + wire));
        }
        return 0;
    }

    /** The median over measured epochs of epoch time / steps, each worker a thread. */
    private double stepMillis(List<Dataset> shards, boolean grouped) throws InterruptedException, java.util.concurrent.ExecutionException {
        List<String> cluster = new ArrayList<>();
        for (int w = 0; w < shards.size(); w++) {
            cluster.add("localhost:" + MultiWorkerMirroredStrategy.freePort());
        }
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int w = 0; w < shards.size(); w++) {
                int task = w;
                Callable<double[]> worker = () -> {
                    FloatSamples x = shards.get(task).scaled();
                    int[] y = shards.get(task).labels();
                    try (Sequential model = variant.build(seed, x)) {
                        if (grouped) {
                            model.distributeStrategy(new MultiWorkerMirroredStrategy(cluster, task));
                        }
                        double[] millis = new double[epochs + 1];
                        for (int e = 0; e <= epochs; e++) {
                            long t0 = System.nanoTime();
                            model.fit(x, y, FitOptions.defaults().epochs(e + 1).initialEpoch(e).batchSize(BATCH).verbose(0));
                            millis[e] = (System.nanoTime() - t0) / 1e6 / (x.count() / BATCH);
                        }
                        return Arrays.copyOfRange(millis, 1, millis.length);
                    }
                };
                runs.add(pool.submit(worker));
            }
            double[] chief = runs.get(0).get();
            for (Future<double[]> run : runs) {
                run.get();
            }
            Arrays.sort(chief);
            return chief[chief.length / 2];
        } finally {
            pool.shutdownNow();
        }
    }

    /** The median time of one all-reduce (mean) of {@code size} floats across the workers, minus an empty run's. */
    private double allReduceMillis(int size) throws InterruptedException, java.util.concurrent.ExecutionException {
        List<String> cluster = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            cluster.add("localhost:" + TensorFlowServer.freePort());
        }
        int runs = 30;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                TensorFlowServer server = TensorFlowServer.start(cluster, w);
                results.add(pool.submit(() -> {
                    try (Graph graph = new Graph()) {
                        Ops tf = Ops.create(graph);
                        Operand<TFloat32> value = tf.fill(tf.constant(new int[] {size}), tf.constant(1f));
                        Operand<TFloat32> reduced = CollectiveAllReduce.of(tf, value, workers, 7, 1, CollectiveAllReduce.Reduction.MEAN);
                        Operand<TFloat32> sum = tf.reduceSum(reduced, tf.constant(0));
                        Operand<TFloat32> empty = tf.reduceSum(value, tf.constant(0));
                        try (Session session = TargetSession.open(graph, server.target(), server.sessionConfig(ConfigProto.getDefaultInstance()))) {
                            double[] withReduce = new double[runs];
                            double[] without = new double[runs];
                            for (int r = 0; r < runs; r++) {
                                withReduce[r] = time(session, sum);
                                without[r] = time(session, empty);
                            }
                            Arrays.sort(withReduce);
                            Arrays.sort(without);
                            return withReduce[runs / 2] - without[runs / 2];
                        }
                    }
                }));
            }
            double chief = results.get(0).get();
            for (Future<Double> result : results) {
                result.get();
            }
            return chief;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double time(Session session, Operand<TFloat32> fetch) {
        long t0 = System.nanoTime();
        session.runner().fetch(fetch).run().close();
        return (System.nanoTime() - t0) / 1e6;
    }
}
