package io.kerasj.engine;

import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of a pipeline for {@code evaluate}, validation and {@code predict}, re-cut into the
 * slices those loops send in one native call (sized by {@link Slices#sizeFor}), exactly where the same rows given as arrays
 * would be cut, so the results equal the arrays' bit for bit. Reads at most {@code steps} batches (Keras's
 * {@code steps} / {@code validation_steps}) when positive. The next slice is read on a background thread while the
 * caller runs the graph on the last one.
 */
final class SliceReader implements AutoCloseable {
    /**
     * @param rows the slice's rows
     * @param lastBatch the index in the pass of the batch holding the slice's last row (what the batch hooks are told)
     */
    record Slice(PipelineBatch rows, int lastBatch) {
    }

    private final ElementIterator pass;
    private final ElementLayout layout;
    private final int steps;
    private final int sliceSize;
    private final List<PipelineBatch> pending = new ArrayList<>();
    private int pendingRows;
    private int batchesRead;
    private final ReadAhead<Slice> reader = new ReadAhead<>("kerasj-pipeline-slices");

    /**
     * @param pipeline batched elements
     * @param layout how an element maps to the model
     * @param steps the most batches to read, or 0 for the whole pass
     * @param sliceSize rows per slice
     */
    SliceReader(Pipeline pipeline, ElementLayout layout, int steps, int sliceSize) {
        this.pass = pipeline.iterator(0);
        this.layout = layout;
        this.steps = steps;
        this.sliceSize = sliceSize;
    }

    /**
     * @return the next slice, or null at the end of the pass
     * @throws io.kerasj.pipeline.PipelineException when the pass gives no batch at all, or a bad one
     */
    Slice next() {
        if (!reader.started()) {
            reader.start(this::read);
        }
        Slice slice = reader.take();
        if (slice != null) {
            reader.start(this::read);
        }
        return slice;
    }

    /** Runs on the reader thread. */
    private Slice read() {
        while (pendingRows < sliceSize && (steps <= 0 || batchesRead < steps) && pass.hasNext()) {
            PipelineBatch batch = layout.read(pass.next(), batchesRead);
            pending.add(batch);
            pendingRows += batch.rows();
            batchesRead++;
        }
        if (batchesRead == 0) {
            throw layout.empty("");
        }
        if (pendingRows == 0) {
            return null;
        }
        PipelineBatch joined = PipelineBatch.concat(pending);
        pending.clear();
        int take = Math.min(sliceSize, pendingRows);
        PipelineBatch slice = take == pendingRows ? joined : joined.slice(0, take);
        if (take < pendingRows) {
            pending.add(joined.slice(take, pendingRows));
        }
        pendingRows -= take;
        return new Slice(slice, batchesRead - 1);
    }

    @Override
    public void close() {
        reader.close();
        pass.close();
    }
}
