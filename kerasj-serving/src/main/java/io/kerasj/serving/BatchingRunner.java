package io.kerasj.serving;

import io.kerasj.KerasJException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs requests on one model from one thread, merging requests that arrive together into one run, as TF Serving's
 * batching does. The thread takes the oldest request, then every request queued behind it that has the same
 * signature and row shapes, waiting up to the batch timeout for more, until the batch holds {@code maxBatch} rows.
 * Requests queued while a run is in progress are therefore batched even with a timeout of 0.
 *
 * <p>A request is merged only when all its inputs have the same number of rows; the outputs of a merged run are
 * split back by rows. Where a merged run fails, or an output has no row per input row, each request of the batch
 * is run alone, so one request never fails another.
 */
final class BatchingRunner implements AutoCloseable {
    private final ServableModel model;
    private final int maxBatch;
    private final long timeoutNanos;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;
    private Pending carried;
    private long runs;
    private long rowsRun;

    private record Pending(PredictRequest request, CompletableFuture<Map<String, FloatTensor>> result) {
        boolean batchable() {
            int rows = request.rows();
            return request.inputs().values().stream().allMatch(t -> t.shape().length > 0 && t.rows() == rows);
        }

        boolean fitsWith(Pending first) {
            if (!request.signatureKey().equals(first.request.signatureKey()) || !batchable()) {
                return false;
            }
            for (Map.Entry<String, FloatTensor> e : first.request.inputs().entrySet()) {
                FloatTensor mine = request.inputs().get(e.getKey());
                if (mine == null || !Arrays.equals(mine.rowShape(), e.getValue().rowShape())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param model the model, run from this runner's thread only
     * @param maxBatch the most rows in one run, at least 1
     * @param timeoutMillis how long the first request of a batch waits for more, 0 for not at all
     */
    BatchingRunner(ServableModel model, int maxBatch, int timeoutMillis) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.worker = new Thread(this::loop, "kerasj-batching");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * @param request a checked request
     * @return its outputs, when its batch has run
     * @throws IllegalStateException when the runner is closed
     */
    CompletableFuture<Map<String, FloatTensor>> submit(PredictRequest request) {
        if (closed) {
            throw new IllegalStateException("the model is shutting down");
        }
        Pending p = new Pending(request, new CompletableFuture<>());
        queue.add(p);
        return p.result;
    }

    /** @return the number of model runs so far and the rows they took, for the log: {runs, rows} */
    synchronized long[] counts() {
        return new long[] {runs, rowsRun};
    }

    private void loop() {
        while (true) {
            Pending first;
            try {
                first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            carried = null;
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            List<Pending> batch = gather(first);
            run(batch);
        }
    }

    private List<Pending> gather(Pending first) {
        List<Pending> batch = new ArrayList<>(List.of(first));
        if (!first.batchable()) {
            return batch;
        }
        int rows = first.request.rows();
        long deadline = System.nanoTime() + timeoutNanos;
        while (rows < maxBatch) {
            Pending next;
            try {
                long wait = deadline - System.nanoTime();
                next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (next == null) {
                break;
            }
            if (!next.fitsWith(first) || rows + next.request.rows() > maxBatch) {
                carried = next;
                break;
            }
            batch.add(next);
            rows += next.request.rows();
        }
        return batch;
    }

    private void run(List<Pending> batch) {
        if (batch.size() == 1 && !batch.get(0).batchable()) {
            runAlone(batch.get(0));
            return;
        }
        PredictRequest first = batch.get(0).request;
        int total = batch.stream().mapToInt(p -> p.request.rows()).sum();
        // A run of one row takes TensorFlow's matrix-vector kernels, whose sums round differently from the
        // matrix-matrix ones (measured on the notebook's MLP: 1e-6 relative), so it is padded to two rows. This does
        // not make rows bit for bit those of other batches: oneDNN's kernels also round by batch shape (AMD EPYC:
        // up to 1e-6 apart), which is why results are compared within io.kerasj.data.BatchShapeTolerance.
        int padded = total == 1 ? 2 : total;
        Map<String, FloatTensor> merged = new LinkedHashMap<>();
        for (String key : first.inputs().keySet()) {
            merged.put(key, concat(batch, key, total, padded));
        }
        Map<String, FloatTensor> outputs;
        try {
            outputs = model.run(first.signatureKey(), merged);
            count(total);
        } catch (RuntimeException e) {
            batch.forEach(this::runAlone);
            return;
        }
        if (!outputs.values().stream().allMatch(t -> t.shape().length > 0 && t.rows() == padded)) {
            batch.forEach(this::runAlone);
            return;
        }
        int from = 0;
        for (Pending p : batch) {
            int n = p.request.rows();
            Map<String, FloatTensor> mine = new LinkedHashMap<>();
            for (Map.Entry<String, FloatTensor> e : outputs.entrySet()) {
                mine.put(e.getKey(), e.getValue().slice(from, n));
            }
            p.result.complete(mine);
            from += n;
        }
    }

    private void runAlone(Pending p) {
        try {
            p.result.complete(model.run(p.request.signatureKey(), p.request.inputs()));
            count(p.request.rows());
        } catch (KerasJException e) {
            p.result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            p.result.completeExceptionally(e);
            if (e instanceof Error err) {
                throw err;
            }
        }
    }

    private synchronized void count(int rows) {
        runs++;
        rowsRun += rows;
    }

    /** @return the batch's rows of one input, one after the other, the last repeated up to {@code padded} rows */
    private static FloatTensor concat(List<Pending> batch, String key, int total, int padded) {
        FloatTensor first = batch.get(0).request.inputs().get(key);
        int rowSize = first.rowSize();
        float[] values = new float[Math.multiplyExact(padded, rowSize)];
        int at = 0;
        for (Pending p : batch) {
            float[] v = p.request.inputs().get(key).values();
            System.arraycopy(v, 0, values, at, v.length);
            at += v.length;
        }
        for (int row = total; row < padded; row++, at += rowSize) {
            System.arraycopy(values, (total - 1) * rowSize, values, at, rowSize);
        }
        long[] shape = first.shape().clone();
        shape[0] = padded;
        return new FloatTensor(shape, values);
    }

    /**
     * Stops taking requests, runs those already queued, and waits for the thread to end.
     */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
