package io.kerasj.data;

/**
 * NumPy's legacy {@code numpy.random.RandomState(seed)} as far as {@code permutation} goes: MT19937 seeded as NumPy
 * seeds it from an integer ({@code mt19937_seed}, Matsumoto and Nishimura's {@code init_genrand}), bounded integers by
 * masked rejection ({@code random_interval}), and the Fisher-Yates shuffle from the end as {@code RandomState.shuffle}
 * runs it. The same seed gives the same permutation as NumPy, which scikit-learn's {@code train_test_split} uses.
 * Not thread-safe.
 */
public final class NumpyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[N];
    private int pos;

    /**
     * @param seed the seed, in [0, 2^32 - 1] as NumPy requires
     * @throws IllegalArgumentException when the seed is out of that range
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed: expected a value in [0, 2**32 - 1], found " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /** @return the next 32 random bits, NumPy's {@code next_uint32} */
    public int nextInt32() {
        if (pos == N) {
            generate();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /**
     * NumPy's {@code random_interval(max)}: a uniform integer in [0, max], drawn by masking 32-bit values to the
     * smallest covering power of two and rejecting those above {@code max}.
     *
     * @param max the largest value, in [0, 2^31 - 1]
     * @return a value in [0, max]
     */
    public int interval(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max: expected a non-negative value, found " + max);
        }
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        do {
            value = nextInt32() & mask;
        } while (value > max);
        return value;
    }

    /**
     * NumPy's {@code RandomState.permutation(n)}: {@code arange(n)} shuffled in place from the last element down.
     *
     * @param n the number of elements, non-negative
     * @return a permutation of [0, n)
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: expected a non-negative value, found " + n);
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = interval(i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    private void generate() {
        int i;
        for (i = 0; i < N - M; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }
}
