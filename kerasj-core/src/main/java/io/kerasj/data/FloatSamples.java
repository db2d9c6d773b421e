package io.kerasj.data;

import java.util.Arrays;

/**
 * An immutable batch of {@code n} float samples, each of the same shape, stored row-major in one flat array:
 * what Keras takes as {@code x} (for Fashion-MNIST: n images of shape [28, 28]).
 */
public final class FloatSamples {
    private final float[] values;
    private final int[] sampleShape;
    private final int count;

    private FloatSamples(float[] values, int[] sampleShape) {
        this.sampleShape = sampleShape.clone();
        int size = sampleSize(this.sampleShape);
        if (size == 0 || values.length % size != 0) {
            throw new IllegalArgumentException("x: expected a multiple of " + size + " values for samples of shape "
                    + Arrays.toString(sampleShape) + ", found " + values.length);
        }
        this.values = values;
        this.count = values.length / size;
    }

    /**
     * @param values row-major values of all samples (copied)
     * @param sampleShape the shape of one sample, e.g. {28, 28}
     * @return the samples
     * @throws IllegalArgumentException when the length is not a multiple of the sample size
     */
    public static FloatSamples of(float[] values, int... sampleShape) {
        for (int d : sampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("sampleShape: expected positive dimensions, found " + Arrays.toString(sampleShape));
            }
        }
        return new FloatSamples(values.clone(), sampleShape);
    }

    /** Wraps without copying; for callers in this library that never touch the array again. */
    static FloatSamples wrap(float[] values, int... sampleShape) {
        return new FloatSamples(values, sampleShape);
    }

    /**
     * @param images images as [n][rows][cols] (copied)
     * @return the samples with shape [rows, cols]
     */
    public static FloatSamples ofImages(float[][][] images) {
        if (images.length == 0 || images[0].length == 0) {
            throw new IllegalArgumentException("x: expected at least one image, found none");
        }
        int rows = images[0].length;
        int cols = images[0][0].length;
        float[] flat = new float[images.length * rows * cols];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != rows) {
                throw new IllegalArgumentException("x[" + i + "]: expected " + rows + " rows, found " + images[i].length);
            }
            for (int r = 0; r < rows; r++) {
                if (images[i][r].length != cols) {
                    throw new IllegalArgumentException("x[" + i + "][" + r + "]: expected " + cols + " columns, found " + images[i][r].length);
                }
                System.arraycopy(images[i][r], 0, flat, (i * rows + r) * cols, cols);
            }
        }
        return new FloatSamples(flat, new int[] {rows, cols});
    }

    /** @return the number of samples */
    public int count() {
        return count;
    }

    /** @return the shape of one sample (a copy) */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** @return the number of values in one sample */
    public int sampleSize() {
        return values.length / Math.max(count, 1);
    }

    /** @return the shape of the whole batch, {@code [count, ...sampleShape]} */
    public long[] shape() {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = count;
        for (int i = 0; i < sampleShape.length; i++) {
            shape[i + 1] = sampleShape[i];
        }
        return shape;
    }

    /** @return a copy of all values, row-major */
    public float[] toArray() {
        return values.clone();
    }

    /**
     * Read-only access to the backing array for the library's own bulk copies into tensors; never modify it.
     *
     * @return the backing array
     */
    public float[] unsafeValues() {
        return values;
    }

    /**
     * The same values with another sample shape of the same size, as NumPy's {@code x.reshape((-1, *shape))}. The
     * array is shared, not copied: both are immutable.
     *
     * @param newSampleShape the new shape of one sample, dimensions positive
     * @return the samples with that shape
     * @throws IllegalArgumentException when the sizes differ
     */
    public FloatSamples reshape(int... newSampleShape) {
        long size = 1;
        for (int d : newSampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("sampleShape: expected positive dimensions, found " + Arrays.toString(newSampleShape));
            }
            size = Math.min(size * d, Integer.MAX_VALUE + 1L); // capped: a product beyond an int is a mismatch anyway
        }
        if (size != sampleSize(sampleShape)) {
            throw new IllegalArgumentException("sampleShape: expected " + sampleSize(sampleShape) + " values per sample as in "
                    + Arrays.toString(sampleShape) + ", found " + Arrays.toString(newSampleShape));
        }
        return new FloatSamples(values, newSampleShape);
    }

    /**
     * @param from first sample, inclusive
     * @param to last sample, exclusive
     * @return samples [from, to)
     */
    public FloatSamples slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count + " samples");
        }
        int size = sampleSize(sampleShape);
        return new FloatSamples(Arrays.copyOfRange(values, from * size, to * size), sampleShape);
    }

    /**
     * NumPy's {@code x[:, from:to]}: some of the columns of samples that are rows of features (the course's wide
     * and deep inputs, {@code x[:, :5]} and {@code x[:, 2:]}).
     *
     * @param from first column, inclusive
     * @param to last column, exclusive
     * @return those columns of every sample
     * @throws IllegalArgumentException for samples that are not rows, or columns out of range
     */
    public FloatSamples columns(int from, int to) {
        if (sampleShape.length != 1) {
            throw new IllegalArgumentException("columns: expected samples of one axis, found shape " + Arrays.toString(sampleShape));
        }
        int width = sampleShape[0];
        if (from < 0 || to > width || from >= to) {
            throw new IllegalArgumentException("columns [" + from + ", " + to + ") of " + width + " columns");
        }
        int kept = to - from;
        float[] out = new float[count * kept];
        for (int i = 0; i < count; i++) {
            System.arraycopy(values, i * width + from, out, i * kept, kept);
        }
        return new FloatSamples(out, new int[] {kept});
    }

    /**
     * @param index a sample index
     * @return that sample's values (a copy)
     */
    public float[] sample(int index) {
        int size = sampleSize(sampleShape);
        return Arrays.copyOfRange(values, index * size, (index + 1) * size);
    }

    private static int sampleSize(int[] shape) {
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        return size;
    }
}
