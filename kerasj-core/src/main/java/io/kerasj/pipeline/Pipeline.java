package io.kerasj.pipeline;

import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A recipe of elements, as {@code tf.data.Dataset}: a source, then steps ({@link #map}, {@link #filter},
 * {@link #batch}, {@link #repeat}, {@link #take}, {@link #skip}, ...), each returning a new pipeline. Nothing is read
 * until a pass starts ({@link #iterator(long)}); every pass reads the source again, so a pipeline larger than memory
 * trains epoch after epoch. {@code fit}, {@code evaluate} and {@code predict} take a batched pipeline of
 * {@link Element}s.
 */
public abstract class Pipeline {
    /** {@link #cardinality()} of a pipeline that never ends ({@code tf.data.INFINITE_CARDINALITY}). */
    public static final long INFINITE = -1;
    /** {@link #cardinality()} when the count is known only by reading ({@code tf.data.UNKNOWN_CARDINALITY}). */
    public static final long UNKNOWN = -2;

    /**
     * Starts a pass. Steps that draw random numbers ({@code shuffle}) seed each pass from their seed and
     * {@code epoch}, so a run resumed at an epoch reads what the uninterrupted run read there.
     *
     * @param epoch the pass's number (0 for the first)
     * @return the pass; close it when done
     */
    public abstract ElementIterator iterator(long epoch);

    /** @return the number of elements when known without reading, else {@link #UNKNOWN} or {@link #INFINITE} */
    public long cardinality() {
        return UNKNOWN;
    }

    /**
     * @param arrays x arrays, then y arrays, each with the samples along the first axis
     * @return one element per sample, as {@code Dataset.from_tensor_slices((x, y))}
     */
    public static Pipeline fromTensorSlices(HostArray x, HostArray y) {
        return new TensorSlices(List.of(x), null, List.of(y), null);
    }

    /** @return one element per sample of {@code x} alone, for {@code predict} */
    public static Pipeline fromTensorSlices(HostArray x) {
        return new TensorSlices(List.of(x), null, List.of(), null);
    }

    /** @return one element per sample, several inputs and outputs by position */
    public static Pipeline fromTensorSlices(List<HostArray> x, List<HostArray> y) {
        return new TensorSlices(x, null, y, null);
    }

    /**
     * A generator, as Keras's {@code fit} takes a Python generator: each pass calls {@code generator} for a new
     * iterator. An exception it throws surfaces from {@code fit} unchanged.
     */
    public static Pipeline fromGenerator(Supplier<? extends Iterator<Element>> generator) {
        return new GeneratorSource(generator);
    }

    /** @return the pipeline with {@code f} applied to each element, as {@code Dataset.map} */
    public Pipeline map(UnaryOperator<Element> f) {
        return new MapStep(this, f);
    }

    /** @return the elements for which {@code keep} is true, as {@code Dataset.filter} */
    public Pipeline filter(Predicate<Element> keep) {
        return new FilterStep(this, keep);
    }

    /** @return batches of {@code batchSize} elements stacked along a new first axis, the last one possibly smaller */
    public Pipeline batch(int batchSize) {
        return batch(batchSize, false);
    }

    /**
     * @param batchSize elements per batch
     * @param dropRemainder drop a last batch smaller than {@code batchSize}
     * @return the batched pipeline, as {@code Dataset.batch}
     */
    public Pipeline batch(int batchSize, boolean dropRemainder) {
        return new BatchStep(this, batchSize, dropRemainder);
    }

    /** @return the pipeline repeated forever, as {@code Dataset.repeat()} */
    public Pipeline repeat() {
        return new RepeatStep(this, -1);
    }

    /** @return the pipeline repeated {@code count} times */
    public Pipeline repeat(int count) {
        if (count < 0) {
            return repeat();
        }
        return new RepeatStep(this, count);
    }

    /** @return the first {@code count} elements, as {@code Dataset.take} */
    public Pipeline take(long count) {
        return new TakeStep(this, count);
    }

    /** @return all but the first {@code count} elements, as {@code Dataset.skip} */
    public Pipeline skip(long count) {
        return new SkipStep(this, count);
    }

    /** @return the element count of one pass, reading it when {@link #cardinality()} is unknown */
    public long count() {
        long known = cardinality();
        if (known >= 0) {
            return known;
        }
        if (known == INFINITE) {
            throw new IllegalStateException("an infinite pipeline has no count");
        }
        long n = 0;
        try (ElementIterator it = iterator(0)) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    /** @return the first element of a pass (Keras reads one to learn the structure) */
    public Element first() {
        try (ElementIterator it = iterator(0)) {
            if (!it.hasNext()) {
                throw new PipelineException(this + ": the pipeline is empty");
            }
            return it.next();
        }
    }
}
