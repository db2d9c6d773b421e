package io.kerasj.pipeline;

import java.util.SplittableRandom;

/**
 * The order in which {@link ShuffleStep}'s buffer emits the elements {@code 0, 1, ..., n - 1} of a source read in
 * order, drawn exactly as it draws them, but on row numbers: a source that reads any row on demand
 * ({@code .npy}) then holds no elements in the buffer, only their indices.
 */
final class ShuffledIndices {
    private final long count;
    private final long[] buffer;
    private final SplittableRandom random;
    private long nextInput;
    private int size;

    /**
     * @param count the source's rows
     * @param bufferSize the shuffle's buffer size
     * @param random the pass's generator ({@link ShuffleStep#randomFor(long, boolean, long)})
     */
    ShuffledIndices(long count, int bufferSize, SplittableRandom random) {
        this.count = count;
        this.buffer = new long[(int) Math.min(bufferSize, Math.max(count, 1))];
        this.random = random;
    }

    /** @return the next row, or -1 at the end */
    long next() {
        while (size < buffer.length && nextInput < count) {
            buffer[size++] = nextInput++;
        }
        if (size == 0) {
            return -1;
        }
        int index = random.nextInt(size);
        long chosen = buffer[index];
        if (nextInput < count) {
            buffer[index] = nextInput++;
        } else {
            long last = buffer[--size];
            if (index < size) {
                buffer[index] = last;
            }
        }
        return chosen;
    }
}
