package io.kerasj.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code y} of {@code fit} and {@code evaluate}: one target per sample, either integer class indices or
 * floats of any per-sample shape (one-hot rows, regression values). Immutable; values are copied on the way in.
 */
public final class Targets {
    private final int count;
    private final int[] sampleShape;
    private final int[] ints;
    private final float[] floats;

    private Targets(int count, int[] sampleShape, int[] ints, float[] floats) {
        this.count = count;
        this.sampleShape = sampleShape;
        this.ints = ints;
        this.floats = floats;
    }

    /**
     * @param labels one class index per sample
     * @return integer targets of shape {@code [n]}
     */
    public static Targets classes(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        return new Targets(labels.length, new int[0], labels.clone(), null);
    }

    /**
     * @param values row-major values, {@code count * product(sampleShape)} of them
     * @param sampleShape the shape of one sample's target; none for one scalar per sample
     * @return float targets
     * @throws IllegalArgumentException when the values do not fill whole samples
     */
    public static Targets of(float[] values, int... sampleShape) {
        Objects.requireNonNull(values, "values");
        int size = 1;
        for (int d : sampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("targets: expected positive dimensions, found " + Arrays.toString(sampleShape));
            }
            size *= d;
        }
        if (values.length % size != 0) {
            throw new IllegalArgumentException("targets: expected a multiple of " + size + " values (shape "
                    + Arrays.toString(sampleShape) + " per sample), found " + values.length);
        }
        return new Targets(values.length / size, sampleShape.clone(), null, values.clone());
    }

    /** @return the number of samples */
    public int count() {
        return count;
    }

    /** @return the shape of one sample's target */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** @return the number of values per sample */
    public int sampleSize() {
        int size = 1;
        for (int d : sampleShape) {
            size *= d;
        }
        return size;
    }

    /** @return true for integer targets */
    public boolean isInteger() {
        return ints != null;
    }

    /** @return a copy of the values as integers (floats are truncated) */
    public int[] toInts() {
        if (ints != null) {
            return ints.clone();
        }
        int[] values = new int[floats.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) floats[i];
        }
        return values;
    }

    /** @return a copy of the values as floats */
    public float[] toFloats() {
        if (floats != null) {
            return floats.clone();
        }
        float[] values = new float[ints.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ints[i];
        }
        return values;
    }

    int[] unsafeInts() {
        return ints;
    }

    float[] unsafeFloats() {
        return floats;
    }
}
