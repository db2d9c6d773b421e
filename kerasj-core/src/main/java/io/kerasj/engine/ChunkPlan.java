package io.kerasj.engine;

/**
 * Where the in-graph chunks of one epoch end: at most {@code perCall} steps each, and also right after every batch
 * whose 1-based index counted across the fit is a multiple of a callback's {@code batchPeriod()}, so that batch hooks
 * asked for every N batches arrive exactly there.
 */
final class ChunkPlan {
    private final int perCall;
    private final int[] periods;
    private final long before;

    /**
     * @param perCall the most steps per native call
     * @param periods the callbacks' positive batch periods
     * @param before batches run in this fit before the epoch
     */
    ChunkPlan(int perCall, int[] periods, long before) {
        if (perCall <= 0) {
            throw new IllegalArgumentException("steps_per_execution: expected a positive number, found " + perCall);
        }
        this.perCall = perCall;
        this.periods = periods.clone();
        this.before = before;
    }

    /**
     * @param from the epoch's first batch not yet run (0-based)
     * @param steps the batches in the epoch
     * @return the end (exclusive) of the chunk starting at {@code from}
     */
    int end(int from, int steps) {
        long to = Math.min(steps, (long) from + perCall);
        long done = before + from; // batches run so far in this fit
        for (int n : periods) {
            long next = (done / n + 1) * n - before; // the epoch's batch count at the next multiple of n
            to = Math.min(to, next);
        }
        return (int) to;
    }
}
