package io.kerasj.data;

import java.util.StringJoiner;

/** Shapes as NumPy prints them: {@code (5000, 28, 28)}, {@code (5000,)}, {@code ()}. */
public final class NumpyShape {

    private NumpyShape() {
    }

    /**
     * @param shape the dimensions
     * @return NumPy's tuple text, e.g. {@code (5000, 28, 28)} or {@code (5000,)}
     */
    public static String text(long[] shape) {
        StringJoiner joiner = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            joiner.add(Long.toString(d));
        }
        return joiner.toString();
    }

    /**
     * @param shape the dimensions
     * @return NumPy's tuple text
     */
    public static String text(int[] shape) {
        long[] wide = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            wide[i] = shape[i];
        }
        return text(wide);
    }

    /** @return {@code {count, ...sampleShape}} */
    static long[] withCount(int count, int[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = count;
        for (int i = 0; i < sampleShape.length; i++) {
            shape[i + 1] = sampleShape[i];
        }
        return shape;
    }
}
