package io.kerasj.tuner;

import java.util.concurrent.CompletableFuture;

/**
 * Where trials run: on local threads ({@link LocalTrialRunner}) or elsewhere (one Spark task per trial in
 * kerasj-spark). The search submits at most {@link #parallelism()} trials at a time and writes each result as its
 * future completes; a future completed exceptionally (the runner itself failed, e.g. a lost Spark executor) makes a
 * failed trial.
 */
public interface TrialRunner extends AutoCloseable {
    /** @return how many trials run at once */
    int parallelism();

    /**
     * Starts one trial.
     *
     * @param task how trials run
     * @param spec the trial
     * @return its result, when it finishes
     */
    CompletableFuture<TrialResult> submit(TrialTask task, TrialSpec spec);

    /** Stops the runner's threads; trials still running are abandoned. */
    @Override
    void close();
}
