package io.kerasj.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Keras's {@code y}, of a dataset and of {@code fit} and {@code evaluate}: one target of a fixed shape (any rank,
 * often a scalar) per sample, either integers (class indices, with the number of classes) or float32 values
 * (one-hot rows, regression targets). Immutable; values are copied on the way in and out.
 */
public final class Targets {
    private final int[] ints;
    private final float[] floats;
    private final int[] targetShape;
    private final int count;
    private final int classCount;

    private Targets(int[] ints, float[] floats, int count, int[] targetShape, int classCount) {
        for (int d : targetShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("targetShape: expected positive dimensions, found " + NumpyShape.text(targetShape));
            }
        }
        long size = 1;
        for (int d : targetShape) {
            size = Math.multiplyExact(size, d);
        }
        int length = ints != null ? ints.length : floats.length;
        if (count < 0 || (long) count * size != length) {
            throw new IllegalArgumentException("y: expected " + count + " targets of shape " + NumpyShape.text(targetShape)
                    + " = " + (long) count * size + " values, found " + length);
        }
        this.ints = ints;
        this.floats = floats;
        this.targetShape = targetShape.clone();
        this.count = count;
        this.classCount = classCount;
    }

    /**
     * One class index per sample, as Keras's sparse labels.
     *
     * @param labels the labels (copied), each in [0, classCount)
     * @param classCount the number of classes
     * @return the targets
     * @throws IllegalArgumentException when {@code classCount < 1} or a label is out of range
     */
    public static Targets classes(int[] labels, int classCount) {
        return wrapClasses(labels.clone(), classCount, "y");
    }

    /**
     * One class index per sample, the number of classes taken from the labels (one more than the largest), as
     * Keras's sparse labels passed to {@code fit}; the model checks them against its output.
     *
     * @param labels the labels (copied), each at least 0
     * @return the targets
     * @throws IllegalArgumentException when a label is negative
     */
    public static Targets classes(int[] labels) {
        Objects.requireNonNull(labels, "y");
        return of(labels);
    }

    /**
     * Integer targets of any shape, the number of samples and of classes taken from the values, as a NumPy integer
     * {@code y} of shape {@code (n, ...targetShape)}.
     *
     * @param values row-major targets of all samples (copied), each at least 0
     * @param targetShape the shape of one sample's target; none for one scalar per sample
     * @return the targets
     * @throws IllegalArgumentException when the values do not fill whole samples or a value is negative
     */
    public static Targets of(int[] values, int... targetShape) {
        Objects.requireNonNull(values, "y");
        int[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new IllegalArgumentException("y: label " + i + ": expected a value >= 0, found " + copy[i]);
            }
        }
        return new Targets(copy, null, countOf(copy.length, targetShape), targetShape, classCountOf(copy));
    }

    /**
     * Float targets of any shape, the number of samples taken from the values, as a NumPy float {@code y} of shape
     * {@code (n, ...targetShape)}.
     *
     * @param values row-major targets of all samples (copied)
     * @param targetShape the shape of one sample's target; none for one scalar per sample
     * @return the targets
     * @throws IllegalArgumentException when the values do not fill whole samples
     */
    public static Targets of(float[] values, int... targetShape) {
        Objects.requireNonNull(values, "y");
        return new Targets(null, values.clone(), countOf(values.length, targetShape), targetShape, 0);
    }

    /**
     * Integer targets of any shape, e.g. several class indices per sample.
     *
     * @param values row-major targets of all samples (copied), each in [0, classCount)
     * @param count the number of samples
     * @param classCount the number of classes
     * @param targetShape the shape of one sample's target
     * @return the targets
     * @throws IllegalArgumentException when the length disagrees with the shape or a value is out of range
     */
    public static Targets integers(int[] values, int count, int classCount, int... targetShape) {
        int[] copy = values.clone();
        checkRange(copy, classCount, "y");
        return new Targets(copy, null, count, targetShape, classCount);
    }

    /**
     * Float targets of any shape, e.g. one-hot rows or regression values.
     *
     * @param values row-major targets of all samples (copied)
     * @param count the number of samples
     * @param targetShape the shape of one sample's target
     * @return the targets
     * @throws IllegalArgumentException when the length disagrees with the shape
     */
    public static Targets floats(float[] values, int count, int... targetShape) {
        return new Targets(null, values.clone(), count, targetShape, 0);
    }

    /** Class indices taken over without copying; {@code source} names the file in messages. */
    public static Targets wrapClasses(int[] labels, int classCount, String source) {
        checkRange(labels, classCount, source);
        return new Targets(labels, null, labels.length, new int[0], classCount);
    }

    /** Integer targets of any shape taken over without copying; {@code source} names the file in messages. */
    static Targets wrapIntegers(int[] values, int count, int classCount, int[] targetShape, String source) {
        checkRange(values, classCount, source);
        return new Targets(values, null, count, targetShape, classCount);
    }

    /** Float targets taken over without copying. */
    static Targets wrapFloats(float[] values, int count, int[] targetShape) {
        return new Targets(null, values, count, targetShape, 0);
    }

    private static int countOf(int length, int[] targetShape) {
        long size = 1;
        for (int d : targetShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("targetShape: expected positive dimensions, found " + NumpyShape.text(targetShape));
            }
            size = Math.multiplyExact(size, d);
        }
        if (length % size != 0) {
            throw new IllegalArgumentException("y: expected a multiple of " + size + " values (shape "
                    + NumpyShape.text(targetShape) + " per sample), found " + length);
        }
        return Math.toIntExact(length / size);
    }

    /**
     * @param values integer targets
     * @return one more than the largest value, at least 1: the class count when the data does not give it
     */
    public static int classCountOf(int[]... values) {
        int max = 0;
        for (int[] part : values) {
            for (int v : part) {
                max = Math.max(max, v);
            }
        }
        return max + 1;
    }

    /** @return true for integer targets (class indices), false for float targets */
    public boolean isInteger() {
        return ints != null;
    }

    /** @return the number of classes of integer targets; 0 for float targets */
    public int classCount() {
        return classCount;
    }

    /** @return the number of samples */
    public int count() {
        return count;
    }

    /** @return the shape of one sample's target (a copy); empty for one scalar per sample */
    public int[] targetShape() {
        return targetShape.clone();
    }

    /** @return the number of values in one sample's target, the product of {@link #targetShape()} */
    public int targetSize() {
        int size = 1;
        for (int d : targetShape) {
            size *= d;
        }
        return size;
    }

    /** @return the shape as NumPy shows it, {@code {count, ...targetShape}} */
    public long[] shape() {
        return NumpyShape.withCount(count, targetShape);
    }

    /**
     * @return the class index of every sample (a copy): Keras's sparse labels
     * @throws IllegalStateException unless the targets are one integer per sample
     */
    public int[] labels() {
        if (ints == null || targetShape.length != 0) {
            throw new IllegalStateException("y: expected one integer label per sample, found " + describe());
        }
        return ints.clone();
    }

    /**
     * @return all integer targets, row-major (a copy)
     * @throws IllegalStateException for float targets
     */
    public int[] intValues() {
        if (ints == null) {
            throw new IllegalStateException("y: expected integer targets, found " + describe());
        }
        return ints.clone();
    }

    /** @return all targets as float32 values, row-major (integers converted; a copy) */
    public float[] floatValues() {
        if (floats != null) {
            return floats.clone();
        }
        float[] values = new float[ints.length];
        for (int i = 0; i < ints.length; i++) {
            values[i] = ints[i];
        }
        return values;
    }

    /** @return all targets as float32 values, row-major (integers converted), with the target shape */
    public FloatSamples toFloats() {
        return FloatSamples.wrap(floatValues(), targetShape);
    }

    /**
     * @param from first sample, inclusive
     * @param to last sample, exclusive
     * @return the targets of samples [from, to)
     */
    public Targets slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + "): expected a range within [0, " + count + "]");
        }
        int size = count == 0 ? 0 : (ints != null ? ints.length : floats.length) / count;
        return ints != null
                ? new Targets(Arrays.copyOfRange(ints, from * size, to * size), null, to - from, targetShape, classCount)
                : new Targets(null, Arrays.copyOfRange(floats, from * size, to * size), to - from, targetShape, 0);
    }

    /** @return e.g. {@code int targets of shape (60000,)} */
    String describe() {
        return (ints != null ? "integer" : "float32") + " targets of shape " + NumpyShape.text(shape());
    }

    private static void checkRange(int[] values, int classCount, String source) {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount: expected a positive value, found " + classCount);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classCount) {
                String message = source + ": label " + i + ": expected a value in [0, " + (classCount - 1) + "], found " + values[i];
                throw "y".equals(source) ? new IllegalArgumentException(message) : new DatasetException(message);
            }
        }
    }
}
