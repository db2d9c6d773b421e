package io.kerasj.tuner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs trials on threads of this JVM, {@code parallelTrials} at a time, each model's ops on its share of the cores
 * (at least one).
 */
public final class LocalTrialRunner implements TrialRunner {
    private final TrialData data;
    private final int parallel;
    private final int threadsPerTrial;
    private final ExecutorService pool;

    /**
     * @param data the rows every trial trains on
     * @param parallelTrials how many trials run at once, at least 1
     */
    public LocalTrialRunner(TrialData data, int parallelTrials) {
        if (parallelTrials < 1) {
            throw new IllegalArgumentException("parallel trials: expected at least 1, found " + parallelTrials);
        }
        this.data = data;
        this.parallel = parallelTrials;
        this.threadsPerTrial = parallelTrials == 1 ? 0 : Math.max(1, Runtime.getRuntime().availableProcessors() / parallelTrials);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelTrials, r -> {
            Thread t = new Thread(r, "kerasj-trial-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int parallelism() {
        return parallel;
    }

    @Override
    public CompletableFuture<TrialResult> submit(TrialTask task, TrialSpec spec) {
        return CompletableFuture.supplyAsync(() -> task.run(spec, data, threadsPerTrial), pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
