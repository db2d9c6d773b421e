package io.kerasj.layers;

import java.util.Arrays;

/** The {@code ((top, bottom), (left, right))} argument of ZeroPadding2D and Cropping2D. */
final class SideAmounts {
    /** Larger amounts are refused: no image layer needs them, and the output size must stay far from overflow. */
    static final int MAX = 1 << 20;

    private SideAmounts() {
    }

    /**
     * @param argument the Keras argument's name, for the error
     * @param amounts {@code {{top, bottom}, {left, right}}}
     * @return a copy
     * @throws IllegalArgumentException unless two pairs of ints from 0 to {@link #MAX}
     */
    static int[][] check(String argument, int[][] amounts) {
        if (amounts == null || amounts.length != 2 || amounts[0] == null || amounts[1] == null || amounts[0].length != 2 || amounts[1].length != 2) {
            throw new IllegalArgumentException(argument + ": expected ((top, bottom), (left, right)), found " + Arrays.deepToString(amounts));
        }
        for (int[] pair : amounts) {
            for (int v : pair) {
                if (v < 0 || v > MAX) {
                    throw new IllegalArgumentException(argument + ": expected ints from 0 to " + MAX + ", found " + Arrays.deepToString(amounts));
                }
            }
        }
        return new int[][] {amounts[0].clone(), amounts[1].clone()};
    }

    /** @return {@code [[a, a], [b, b]]} from one int or two */
    static int[][] symmetric(String argument, int... values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException(argument + ": expected one int, two ints or ((top, bottom), (left, right)), found "
                    + (values == null ? "none" : Arrays.toString(values)));
        }
        int rows = values[0];
        int cols = values.length == 1 ? values[0] : values[1];
        return new int[][] {{rows, rows}, {cols, cols}};
    }
}
