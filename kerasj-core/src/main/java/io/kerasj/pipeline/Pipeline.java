package io.kerasj.pipeline;

import io.kerasj.data.Dataset;
import io.kerasj.data.Samples;
import io.kerasj.data.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
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
    /** {@code tf.data.AUTOTUNE}: for {@code numParallelCalls}, one per processor; for {@code prefetch}, 2. */
    public static final int AUTOTUNE = -1;

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

    /**
     * @param elements the elements, in order (kept, not copied)
     * @return a pipeline of these elements, as {@code Dataset.from_tensor_slices} of a list of structures
     */
    public static Pipeline fromElements(List<Element> elements) {
        List<Element> copy = List.copyOf(elements);
        return new Pipeline() {
            @Override
            public ElementIterator iterator(long epoch) {
                return ElementIterator.of(copy.iterator());
            }

            @Override
            public long cardinality() {
                return copy.size();
            }

            @Override
            public String toString() {
                return "from_elements(" + copy.size() + ")";
            }
        };
    }

    /**
     * One element per path, a string scalar (read it with {@link #pathOf(Element)}): the usual start of
     * {@code fromPaths(files).interleave(f -> Pipeline.fromNpy(pathOf(f)), 4, 1)}, as tf.data's
     * {@code Dataset.from_tensor_slices(filenames).interleave(...)}.
     */
    public static Pipeline fromPaths(List<Path> paths) {
        return fromElements(paths.stream()
                .map(p -> Element.of(HostArray.ofStrings(new byte[][] {p.toString().getBytes(StandardCharsets.UTF_8)})))
                .toList());
    }

    /** @return the path an element of {@link #fromPaths(List)} holds */
    public static Path pathOf(Element element) {
        return Path.of(new String(element.singleX().strings()[0], StandardCharsets.UTF_8));
    }

    /**
     * {@code .npy} files as {@code from_tensor_slices((x, y))}: one element per row, read in slices from memory maps,
     * never loaded whole. uint8, int32, int64 and float32 keep their dtype, float64 becomes float32; other dtypes, a
     * truncated file or a header that disagrees with the file's length are refused in one line, as are different row
     * counts. {@code batch} straight after reads each batch as one contiguous slice.
     */
    public static Pipeline fromNpy(Path x, Path y) {
        return new NpySource(x, java.util.Objects.requireNonNull(y, "y"));
    }

    /** @return one element per row of the {@code .npy} file {@code x}, without targets (see {@link #fromNpy(Path, Path)}) */
    public static Pipeline fromNpy(Path x) {
        return new NpySource(x, null);
    }

    /**
     * MNIST's IDX files (gzip-compressed or not), streamed: elements {@code (uint8[rows, cols], uint8[])}. The headers
     * are checked when the pipeline is made; each pass reads the files from the start.
     */
    public static Pipeline fromIdx(Path images, Path labels) {
        return new IdxSource(images, labels);
    }

    /**
     * An in-memory {@link Dataset} as {@code from_tensor_slices((x, y))}: uint8 samples stay uint8, float samples are
     * float32; integer targets are int32, float targets float32.
     */
    public static Pipeline fromDataset(Dataset data) {
        Samples samples = data.x();
        long[] xShape = samples.shape();
        HostArray x = samples.type() == Samples.Type.UINT8
                ? HostArray.ofUint8(samples.bytes(), xShape)
                : HostArray.ofFloats(samples.toFloats(1f).unsafeValues(), xShape);
        Targets targets = data.y();
        HostArray y = targets.isInteger()
                ? HostArray.ofInts(targets.intValues(), targets.shape())
                : HostArray.ofFloats(targets.floatValues(), targets.shape());
        return fromTensorSlices(x, y);
    }

    /** @return the pipeline with {@code f} applied to each element, as {@code Dataset.map} */
    public Pipeline map(UnaryOperator<Element> f) {
        return new MapStep(this, f);
    }

    /**
     * {@code Dataset.map(f, num_parallel_calls=n)} with {@code deterministic=True}: {@code f} runs on up to {@code n}
     * threads of the pass, and the elements come out in the input's order.
     *
     * @param numParallelCalls threads, or {@link #AUTOTUNE} for one per processor
     */
    public Pipeline map(UnaryOperator<Element> f, int numParallelCalls) {
        int n = numParallelCalls == AUTOTUNE ? Runtime.getRuntime().availableProcessors() : numParallelCalls;
        return n == 1 ? new MapStep(this, f) : new ParallelMapStep(this, f, n);
    }

    /**
     * {@code Dataset.shuffle(buffer_size, seed)}, reshuffled each pass: tf.data's buffer algorithm, drawn from a
     * generator seeded by {@code seed} and the pass's epoch, so the same seed and epoch give the same order.
     *
     * @param bufferSize elements held; 1 keeps the order, the data's size shuffles uniformly
     */
    public Pipeline shuffle(int bufferSize, long seed) {
        return shuffle(bufferSize, seed, true);
    }

    /**
     * @param bufferSize elements held
     * @param seed the seed
     * @param reshuffleEachIteration whether each pass (epoch) draws another order; false repeats the first pass's order
     * @return the shuffled pipeline, as {@code Dataset.shuffle}
     */
    public Pipeline shuffle(int bufferSize, long seed, boolean reshuffleEachIteration) {
        return new ShuffleStep(this, bufferSize, seed, reshuffleEachIteration);
    }

    /**
     * {@code Dataset.cache()}: the first pass that reaches the end is kept in memory and later passes read it (a pass
     * stopped early keeps nothing).
     */
    public Pipeline cache() {
        return new MemoryCacheStep(this);
    }

    /**
     * {@code Dataset.cache(filename)}: the first complete pass is written to {@code file} (through a temporary
     * sibling renamed into place); later passes and later runs read it. An existing file that is not a KerasJ
     * pipeline cache, is truncated, or caches another pipeline (by its description) is refused in one line and left
     * untouched.
     */
    public Pipeline cache(Path file) {
        return new FileCacheStep(this, file);
    }

    /**
     * {@code Dataset.prefetch(buffer_size)}: a background thread reads up to {@code bufferSize} elements ahead; what
     * the input throws surfaces on the reading thread; closing the pass stops the thread.
     *
     * @param bufferSize elements read ahead, or {@link #AUTOTUNE} (2)
     */
    public Pipeline prefetch(int bufferSize) {
        return new PrefetchStep(this, bufferSize == AUTOTUNE ? 2 : bufferSize);
    }

    /** @return {@link #interleave(Function, int, int)} with a block length of 1 */
    public Pipeline interleave(Function<Element, Pipeline> f, int cycleLength) {
        return interleave(f, cycleLength, 1);
    }

    /**
     * {@code Dataset.interleave(f, cycle_length, block_length)}: {@code f} makes a pipeline of each input element
     * (e.g. one file's records); {@code cycleLength} of them are read in turn, {@code blockLength} elements at a time,
     * in tf.data's order.
     */
    public Pipeline interleave(Function<Element, Pipeline> f, int cycleLength, int blockLength) {
        return new InterleaveStep(this, f, cycleLength, blockLength, 1);
    }

    /**
     * {@code Dataset.interleave(f, cycle_length, block_length, num_parallel_calls)} with {@code deterministic=True}:
     * the order of {@link #interleave(Function, int, int)}, with up to {@code numParallelCalls} of the open pipelines
     * reading ahead on background threads (closed with the pass).
     *
     * @param numParallelCalls threads, or {@link #AUTOTUNE} for one per processor
     */
    public Pipeline interleave(Function<Element, Pipeline> f, int cycleLength, int blockLength, int numParallelCalls) {
        int n = numParallelCalls == AUTOTUNE ? Runtime.getRuntime().availableProcessors() : numParallelCalls;
        return new InterleaveStep(this, f, cycleLength, blockLength, n);
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
