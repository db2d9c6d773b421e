package io.kerasj.layers;

/** Keras's 2-D size arguments ({@code kernel_size=3} or {@code (3, 3)}): one or two positive ints. */
final class Pair {
    private Pair() {
    }

    /**
     * @param argument the Keras argument's name, for the error
     * @param values one value (used for both axes) or two
     * @return {@code [rows, cols]}
     * @throws IllegalArgumentException unless one or two positive values
     */
    static int[] of(String argument, int... values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException(argument + ": expected one or two positive ints, found "
                    + (values == null ? "none" : java.util.Arrays.toString(values)));
        }
        int[] pair = values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
        if (pair[0] <= 0 || pair[1] <= 0) {
            throw new IllegalArgumentException(argument + ": expected positive ints, found " + java.util.Arrays.toString(values));
        }
        return pair;
    }
}
