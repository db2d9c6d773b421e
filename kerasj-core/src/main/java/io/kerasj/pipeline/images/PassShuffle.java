package io.kerasj.pipeline.images;

import java.util.SplittableRandom;

/**
 * The order of one pass through {@code Dataset.shuffle(buffer, seed)}: a buffer filled with the first
 * {@code buffer} items; each step hands out a random item of the buffer and puts the next one in its place, then the
 * rest is drawn from the buffer. Each pass draws from its own generator, seeded from the seed and the pass's number,
 * so a resumed run reads the order the uninterrupted one read. The draws are KerasJ's, not TensorFlow's.
 */
final class PassShuffle {
    private PassShuffle() {
    }

    /** @return a permutation of [0, n) */
    static int[] order(int n, int buffer, long seed, long epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int size = Math.min(buffer, n);
        int[] pool = new int[size];
        for (int i = 0; i < size; i++) {
            pool[i] = i;
        }
        int[] order = new int[n];
        int next = size;
        for (int out = 0; out < n; out++) {
            int pick = random.nextInt(size);
            order[out] = pool[pick];
            if (next < n) {
                pool[pick] = next++;
            } else {
                pool[pick] = pool[--size];
            }
        }
        return order;
    }
}
