package io.kerasj.pipeline;

import java.util.Objects;
import java.util.function.Function;

/**
 * {@code Dataset.interleave(f, cycle_length, block_length)}: {@code f} maps each input element to a pipeline (e.g.
 * one file's records); {@code cycleLength} of them are read in turn, {@code blockLength} elements from each before
 * moving to the next; one that ends is replaced, in its slot, by the pipeline of the next input element. The order is
 * tf.data's (its {@code InterleaveDatasetOp}), e.g. range(1, 6) with each x repeated 6 times, cycle 2, block 4:
 * 1 1 1 1 2 2 2 2 1 1 2 2 3 3 3 3 4 4 4 4 3 3 4 4 5 5 5 5 5 5. With {@code numParallelCalls > 1}, as tf.data's
 * parallel interleave with {@code deterministic=True}, the order is the same, and up to {@code numParallelCalls} of
 * the open pipelines read ahead on background threads ({@link PrefetchStep}, {@code blockLength} elements each).
 */
final class InterleaveStep extends Pipeline {
    private final Pipeline input;
    private final Function<Element, Pipeline> f;
    private final int cycleLength;
    private final int blockLength;
    private final int numParallelCalls;

    InterleaveStep(Pipeline input, Function<Element, Pipeline> f, int cycleLength, int blockLength, int numParallelCalls) {
        if (numParallelCalls <= 0) {
            throw new IllegalArgumentException("interleave: num_parallel_calls: expected a positive number or AUTOTUNE, found "
                    + numParallelCalls);
        }
        this.numParallelCalls = numParallelCalls;
        if (cycleLength <= 0 || blockLength <= 0) {
            throw new IllegalArgumentException("interleave: expected a positive cycle_length and block_length, found "
                    + cycleLength + " and " + blockLength);
        }
        this.input = input;
        this.f = Objects.requireNonNull(f, "interleave function");
        this.cycleLength = cycleLength;
        this.blockLength = blockLength;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            private final ElementIterator[] current = new ElementIterator[cycleLength];
            private final boolean[] readingAhead = new boolean[cycleLength];
            private int aheadCount;
            private int cycleIndex;
            private int blockIndex;
            private int open;
            private boolean endOfInput;

            @Override
            protected Element advance() {
                while (!endOfInput || open > 0) {
                    ElementIterator it = current[cycleIndex];
                    if (it != null) {
                        if (it.hasNext()) {
                            Element e = it.next();
                            if (++blockIndex == blockLength) {
                                nextInCycle();
                            }
                            return e;
                        }
                        it.close();
                        current[cycleIndex] = null;
                        if (readingAhead[cycleIndex]) {
                            readingAhead[cycleIndex] = false;
                            aheadCount--;
                        }
                        open--;
                        nextInCycle();
                    } else if (!endOfInput) {
                        if (in.hasNext()) {
                            Pipeline inner = Objects.requireNonNull(f.apply(in.next()), "the interleave function returned null");
                            if (numParallelCalls > 1 && aheadCount < numParallelCalls) {
                                inner = inner.prefetch(blockLength);
                                readingAhead[cycleIndex] = true;
                                aheadCount++;
                            }
                            current[cycleIndex] = inner.iterator(epoch);
                            open++;
                        } else {
                            endOfInput = true;
                        }
                    } else {
                        nextInCycle();
                    }
                }
                return null;
            }

            private void nextInCycle() {
                blockIndex = 0;
                cycleIndex = (cycleIndex + 1) % cycleLength;
            }

            @Override
            public void close() {
                for (int i = 0; i < current.length; i++) {
                    if (current[i] != null) {
                        current[i].close();
                        current[i] = null;
                    }
                }
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".interleave(cycle_length=" + cycleLength + ", block_length=" + blockLength
                + (numParallelCalls > 1 ? ", num_parallel_calls=" + numParallelCalls : "") + ")";
    }
}
