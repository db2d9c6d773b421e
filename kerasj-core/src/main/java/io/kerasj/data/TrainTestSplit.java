package io.kerasj.data;

/**
 * scikit-learn's {@code train_test_split(..., test_size, random_state=seed)} (shuffled) as row indices: the
 * permutation is NumPy's {@code RandomState(seed).permutation(n)}, the test rows its first {@code ceil(testSize * n)}
 * entries, the training rows the rest, both in permutation order.
 *
 * @param train the training rows, in the order scikit-learn returns them
 * @param test the test rows, in the order scikit-learn returns them
 */
public record TrainTestSplit(int[] train, int[] test) {

    /** scikit-learn's default {@code test_size}. */
    public static final double DEFAULT_TEST_SIZE = 0.25;

    /**
     * @param n the number of rows
     * @param testSize the fraction of rows for the test set, in (0, 1)
     * @param seed scikit-learn's {@code random_state}, in [0, 2^32 - 1]
     * @return the rows of each part
     * @throws IllegalArgumentException when a part would be empty or an argument is out of range
     */
    public static TrainTestSplit of(int n, double testSize, long seed) {
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("testSize: expected a fraction in (0, 1), found " + testSize);
        }
        int testCount = (int) Math.ceil(testSize * n);
        int trainCount = n - testCount;
        if (testCount <= 0 || trainCount <= 0) {
            throw new IllegalArgumentException("n: with " + n + " rows and testSize " + testSize
                    + " a part would be empty (scikit-learn refuses this too)");
        }
        int[] permutation = new NumpyRandomState(seed).permutation(n);
        return new TrainTestSplit(java.util.Arrays.copyOfRange(permutation, testCount, n),
                java.util.Arrays.copyOfRange(permutation, 0, testCount));
    }

    /**
     * @param n the number of rows
     * @param seed scikit-learn's {@code random_state}
     * @return {@link #of(int, double, long)} with the default test size 0.25
     */
    public static TrainTestSplit of(int n, long seed) {
        return of(n, DEFAULT_TEST_SIZE, seed);
    }
}
