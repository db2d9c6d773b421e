package io.kerasj.engine;

import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.util.ArrayList;
import java.util.List;

/**
 * The training batches of one {@code fit} on a pipeline, cut into the chunks the in-graph loop runs, as Keras 3's
 * {@code EpochIterator} hands out batches: without {@code steps_per_epoch} every epoch is one whole pass (pass number
 * = epoch); with it, one pass continues across epochs, an epoch ends after that many batches, a pass that runs out
 * before ends its epoch early ({@link Chunk#ranOut()}) and the next epoch starts a new pass.
 *
 * <p>A chunk is up to {@link ChunkPlan}'s count of batches, joined; a batch smaller than the chunk's first is its last,
 * and a larger one starts the next chunk, so every chunk is whole batches of one size, the last one possibly smaller.
 * The next chunk is read, checked and joined on a background thread while the current one trains, one chunk ahead
 * at most. An exception of the pipeline (a generator's own) surfaces from {@link #next()} unchanged.
 */
final class ChunkFeed implements AutoCloseable {
    /**
     * What {@link #next()} hands out.
     *
     * @param batches the batches joined, or null when the pass ran out before any
     * @param ranOut true when the pass ran out of data before the epoch's {@code steps_per_epoch}: the epoch ends
     *     after these batches, with Keras's warning
     */
    record Chunk(PipelineBatch batches, boolean ranOut) {
    }

    private final Pipeline pipeline;
    private final ElementLayout layout;
    private final int stepsPerEpoch;
    private final ReadAhead<Chunk> reader = new ReadAhead<>("kerasj-pipeline-reader");
    private ElementIterator pass;
    private long passIndex;
    private PipelineBatch held;
    // the epoch being read: only the reader thread touches these while a read is under way
    private ChunkPlan plan;
    private int epochSteps;
    private int read;
    private boolean epochDone;
    private int epoch;

    /**
     * @param pipeline batched (x, y) elements
     * @param layout how an element maps to the model
     * @param stepsPerEpoch Keras's {@code steps_per_epoch}, or 0 for one whole pass per epoch
     */
    ChunkFeed(Pipeline pipeline, ElementLayout layout, int stepsPerEpoch) {
        this.pipeline = pipeline;
        this.layout = layout;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** @return the batches of an epoch when known before reading ({@code steps} of the progress bar), else 0 */
    int knownSteps() {
        if (stepsPerEpoch > 0) {
            return stepsPerEpoch;
        }
        long n = pipeline.cardinality();
        return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : 0;
    }

    /**
     * Starts reading an epoch.
     *
     * @param epoch the epoch's number, the number of a pass it starts
     * @param plan where its chunks end
     */
    void startEpoch(int epoch, ChunkPlan plan) {
        reader.drain();
        this.epoch = epoch;
        this.plan = plan;
        this.read = 0;
        this.epochDone = false;
        this.epochSteps = stepsPerEpoch > 0 ? stepsPerEpoch : Integer.MAX_VALUE;
        if (stepsPerEpoch == 0) {
            closePass();
        }
        reader.start(this::readChunk);
    }

    /**
     * @return the epoch's next chunk, or null when the epoch is done
     * @throws PipelineException when the first pass of the fit, or a new pass, gives no batch
     */
    Chunk next() {
        if (!reader.started()) {
            return null;
        }
        Chunk chunk = reader.take();
        if (chunk != null && !chunk.ranOut() && !epochDone) {
            reader.start(this::readChunk);
        }
        return chunk;
    }

    /** Runs on the reader thread. */
    private Chunk readChunk() {
        if (read >= epochSteps) {
            epochDone = true;
            return null;
        }
        int max = plan.end(read, epochSteps) - read;
        List<PipelineBatch> batches = new ArrayList<>();
        boolean ranOut = false;
        while (batches.size() < max) {
            PipelineBatch batch = nextBatch(read == 0 && batches.isEmpty());
            if (batch == null) {
                ranOut = true;
                break;
            }
            if (!batches.isEmpty() && batch.rows() != batches.get(0).rows()) {
                if (batch.rows() > batches.get(0).rows()) {
                    held = batch; // starts the next chunk
                    break;
                }
                batches.add(batch);
                // a pass's last, partial batch: its end is known now, not one read later
                ranOut = held == null && pass != null && !pass.hasNext();
                break;
            }
            batches.add(batch);
        }
        read += batches.size();
        if (ranOut) {
            closePass();
            epochDone = true;
            // a whole pass per epoch ends by running out; with steps_per_epoch running out early is Keras's warning
            PipelineBatch joined = batches.isEmpty() ? null : PipelineBatch.concat(batches);
            return joined == null && stepsPerEpoch == 0 ? null : new Chunk(joined, stepsPerEpoch > 0);
        }
        if (read >= epochSteps) {
            epochDone = true;
        }
        return new Chunk(PipelineBatch.concat(batches), false);
    }

    /**
     * @param epochStart true for the first batch of an epoch: a pass that is out of data there is replaced by a new one
     * @return the next batch, or null when the pass is out of data
     */
    private PipelineBatch nextBatch(boolean epochStart) {
        if (held != null) {
            PipelineBatch batch = held;
            held = null;
            return batch;
        }
        if (pass != null && epochStart && !pass.hasNext()) {
            closePass(); // the last pass ended exactly with the last epoch: a new one, as Keras does
        }
        boolean fresh = pass == null;
        if (fresh) {
            pass = pipeline.iterator(epoch);
            passIndex = 0;
        }
        if (!pass.hasNext()) {
            if (fresh) {
                throw layout.empty(" in epoch " + (epoch + 1));
            }
            return null;
        }
        return layout.read(pass.next(), passIndex++);
    }

    private void closePass() {
        if (pass != null) {
            ElementIterator p = pass;
            pass = null;
            held = null;
            p.close();
        }
    }

    @Override
    public void close() {
        reader.close();
        closePass();
    }
}
