package io.kerasj.spark;

import io.kerasj.tuner.TrialData;
import io.kerasj.tuner.TrialResult;
import io.kerasj.tuner.TrialRunner;
import io.kerasj.tuner.TrialSpec;
import io.kerasj.tuner.TrialTask;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs each trial of a search as one Spark task (a job of one partition), as Hyperopt's {@code SparkTrials} does: the
 * driver keeps the search and its results folder, and submits up to {@link #parallelism()} trials at once; each task
 * loads the rows once per executor JVM, builds and fits its models with as many threads as {@code spark.task.cpus}
 * gives it, and returns the trial's metrics and model bytes. A task lost with its executor is retried by Spark
 * ({@code spark.task.maxFailures}); a job that fails for good makes a failed trial.
 */
public final class SparkTrialRunner implements TrialRunner {
    /** The rows, made on each executor: a serializable recipe, not the rows themselves. */
    @FunctionalInterface
    public interface DataSource extends Supplier<TrialData>, Serializable {
    }

    /** The rows each executor JVM has loaded, by the key the driver gave them. */
    private static final Map<String, TrialData> LOADED = new ConcurrentHashMap<>();

    private final JavaSparkContext context;
    private final String dataKey;
    private final DataSource data;
    private final int parallel;
    private final ExecutorService submitters;

    /**
     * @param spark the session
     * @param dataKey names the rows in each executor's cache (two searches on the same rows share them)
     * @param data how an executor loads the rows
     * @param parallelTrials how many trials run at once; the cluster's slots
     *     ({@code spark.default.parallelism} / {@code spark.task.cpus}) are the useful most
     */
    public SparkTrialRunner(SparkSession spark, String dataKey, DataSource data, int parallelTrials) {
        if (parallelTrials < 1) {
            throw new IllegalArgumentException("parallel trials: expected at least 1, found " + parallelTrials);
        }
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.dataKey = dataKey;
        this.data = data;
        this.parallel = parallelTrials;
        this.submitters = Executors.newFixedThreadPool(parallelTrials, r -> {
            Thread t = new Thread(r, "kerasj-spark-trial");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param spark the session
     * @return how many tasks the cluster runs at once: {@code defaultParallelism / spark.task.cpus}, at least 1
     */
    public static int slots(SparkSession spark) {
        int cpus = Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
        return Math.max(1, spark.sparkContext().defaultParallelism() / cpus);
    }

    @Override
    public int parallelism() {
        return parallel;
    }

    @Override
    public CompletableFuture<TrialResult> submit(TrialTask task, TrialSpec spec) {
        String key = dataKey;
        DataSource source = data;
        return CompletableFuture.supplyAsync(() -> {
            context.setJobDescription("KerasJ trial " + spec.id());
            List<TrialResult> results = context.parallelize(List.of(spec), 1)
                    .map(s -> task.run(s, LOADED.computeIfAbsent(key, k -> source.get()), TaskContext.get().cpus()))
                    .collect();
            return results.get(0);
        }, submitters);
    }

    @Override
    public void close() {
        submitters.shutdownNow();
    }
}
