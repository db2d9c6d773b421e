package io.kerasj.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code Dataset.shuffle}: tf.data's buffer algorithm. The buffer is filled with the first {@code bufferSize}
 * elements; then each step emits a uniformly drawn element of the buffer and puts the next input element in its
 * place; when the input ends the buffer drains in random order. A buffer of 1 keeps the input's order; a buffer as
 * large as the data is a uniform shuffle. Each pass draws from a generator seeded by the seed and, when reshuffling,
 * the pass's epoch, so a run resumed at an epoch reads what the uninterrupted run read there.
 */
final class ShuffleStep extends Pipeline {
    private final Pipeline input;
    private final int bufferSize;
    private final long seed;
    private final boolean reshuffleEachIteration;

    ShuffleStep(Pipeline input, int bufferSize, long seed, boolean reshuffleEachIteration) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("shuffle: buffer_size: expected a positive number, found " + bufferSize);
        }
        this.input = input;
        this.bufferSize = bufferSize;
        this.seed = seed;
        this.reshuffleEachIteration = reshuffleEachIteration;
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    /** @return the generator of one pass: a function of the seed and (when reshuffling) the epoch only */
    SplittableRandom randomFor(long epoch) {
        return randomFor(seed, reshuffleEachIteration, epoch);
    }

    /** @return the generator of one pass of a shuffle with this seed */
    static SplittableRandom randomFor(long seed, boolean reshuffleEachIteration, long epoch) {
        long passSeed = seed * 0x9E3779B97F4A7C15L + (reshuffleEachIteration ? epoch : 0) * 0xC2B2AE3D27D4EB4FL;
        return new SplittableRandom(passSeed);
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        SplittableRandom random = randomFor(epoch);
        return new LookaheadIterator() {
            private final List<Element> buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));

            @Override
            protected Element advance() {
                while (buffer.size() < bufferSize && in.hasNext()) {
                    buffer.add(in.next());
                }
                if (buffer.isEmpty()) {
                    return null;
                }
                int index = random.nextInt(buffer.size());
                Element chosen = buffer.get(index);
                if (in.hasNext()) {
                    buffer.set(index, in.next());
                } else {
                    Element last = buffer.remove(buffer.size() - 1);
                    if (index < buffer.size()) {
                        buffer.set(index, last);
                    }
                }
                return chosen;
            }

            @Override
            public void close() {
                buffer.clear();
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".shuffle(" + bufferSize + ", seed=" + seed + (reshuffleEachIteration ? "" : ", reshuffle=false") + ")";
    }
}
