package io.kerasj.data;

import java.util.Arrays;

/**
 * The inputs of a dataset, Keras's {@code x}: {@code count} samples of one shape (any rank), stored row-major in one
 * flat array, immutable. Unsigned bytes (images as read from IDX or {@code uint8} NPY files) are kept as bytes;
 * every other type is held as float32, the type a model takes.
 */
public final class Samples {

    /** How the values are stored. */
    public enum Type {
        /** Unsigned bytes, 0 to 255 (NumPy {@code uint8}). */
        UINT8,
        /** 32-bit floats (NumPy {@code float32}; other numeric types are converted to it). */
        FLOAT32
    }

    private final byte[] bytes;
    private final float[] floats;
    private final int[] sampleShape;
    private final int count;

    private Samples(byte[] bytes, float[] floats, int count, int[] sampleShape) {
        this.sampleShape = sampleShape.clone();
        long size = size(this.sampleShape);
        int length = bytes != null ? bytes.length : floats.length;
        if (count < 0 || (long) count * size != length) {
            throw new IllegalArgumentException("x: expected " + count + " samples of shape " + NumpyShape.text(sampleShape)
                    + " = " + (long) count * size + " values, found " + length);
        }
        this.bytes = bytes;
        this.floats = floats;
        this.count = count;
    }

    /**
     * @param values row-major unsigned bytes of all samples (copied)
     * @param count the number of samples
     * @param sampleShape the shape of one sample, e.g. {28, 28}
     * @return the samples
     * @throws IllegalArgumentException when a dimension is not positive or the length disagrees with the shape
     */
    public static Samples ofBytes(byte[] values, int count, int... sampleShape) {
        return new Samples(values.clone(), null, count, checked(sampleShape));
    }

    /**
     * @param values row-major values of all samples (copied)
     * @param count the number of samples
     * @param sampleShape the shape of one sample
     * @return the samples
     * @throws IllegalArgumentException when a dimension is not positive or the length disagrees with the shape
     */
    public static Samples ofFloats(float[] values, int count, int... sampleShape) {
        return new Samples(null, values.clone(), count, checked(sampleShape));
    }

    /** Takes over the array without copying; for this package's readers, which never touch it again. */
    public static Samples wrapBytes(byte[] values, int count, int... sampleShape) {
        return new Samples(values, null, count, checked(sampleShape));
    }

    /** Takes over the array without copying; for this package's readers, which never touch it again. */
    static Samples wrapFloats(float[] values, int count, int... sampleShape) {
        return new Samples(null, values, count, checked(sampleShape));
    }

    /** @return how the values are stored */
    public Type type() {
        return bytes != null ? Type.UINT8 : Type.FLOAT32;
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
        return (int) size(sampleShape);
    }

    /** @return the shape as NumPy shows it, {@code {count, ...sampleShape}} */
    public long[] shape() {
        return NumpyShape.withCount(count, sampleShape);
    }

    /**
     * @param from first sample, inclusive
     * @param to last sample, exclusive
     * @return samples [from, to), as NumPy's {@code x[from:to]}
     * @throws IndexOutOfBoundsException when the range is not within [0, count]
     */
    public Samples slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + "): expected a range within [0, " + count + "]");
        }
        int size = sampleSize();
        return bytes != null
                ? new Samples(Arrays.copyOfRange(bytes, from * size, to * size), null, to - from, sampleShape)
                : new Samples(null, Arrays.copyOfRange(floats, from * size, to * size), to - from, sampleShape);
    }

    /**
     * The same values with another sample shape of the same size, as NumPy's {@code x.reshape((-1, *shape))}. The
     * array is shared: both are immutable.
     *
     * @param newSampleShape the new shape of one sample
     * @return the reshaped samples
     * @throws IllegalArgumentException when the sizes differ
     */
    public Samples reshape(int... newSampleShape) {
        int[] shape = checked(newSampleShape);
        if (size(shape) != size(sampleShape)) {
            throw new IllegalArgumentException("sampleShape: expected " + size(sampleShape) + " values per sample as in "
                    + NumpyShape.text(sampleShape) + ", found " + NumpyShape.text(shape) + " = " + size(shape));
        }
        return new Samples(bytes, floats, count, shape);
    }

    /**
     * The values as float32, divided by {@code divisor}: exactly {@code (float) v / divisor} for unsigned bytes, as
     * NumPy's {@code (x / 255.0).astype("float32")} gives for the notebook's {@code divisor = 255}.
     *
     * @param divisor what every value is divided by (1 for the values as they are)
     * @return the float samples, of the same shape
     */
    public FloatSamples toFloats(float divisor) {
        int length = bytes != null ? bytes.length : floats.length;
        float[] values = new float[length];
        if (bytes != null) {
            for (int i = 0; i < length; i++) {
                values[i] = (float) (bytes[i] & 0xFF) / divisor;
            }
        } else {
            for (int i = 0; i < length; i++) {
                values[i] = floats[i] / divisor;
            }
        }
        return FloatSamples.wrap(values, sampleShape);
    }

    /**
     * @param index a sample index in [0, count)
     * @return that sample's unsigned bytes, row-major (a copy)
     * @throws IllegalStateException when the values are not unsigned bytes
     */
    public byte[] sampleBytes(int index) {
        checkIndex(index);
        int size = sampleSize();
        return Arrays.copyOfRange(requireBytes(), index * size, (index + 1) * size);
    }

    /**
     * @return a copy of all unsigned bytes, row-major
     * @throws IllegalStateException when the values are not unsigned bytes
     */
    public byte[] bytes() {
        return requireBytes().clone();
    }

    private byte[] requireBytes() {
        if (bytes == null) {
            throw new IllegalStateException("x: expected unsigned bytes (uint8), found float32 values");
        }
        return bytes;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index: expected a value in [0, " + count + "), found " + index);
        }
    }

    private static int[] checked(int[] shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("sampleShape: expected positive dimensions, found " + NumpyShape.text(shape));
            }
        }
        return shape;
    }

    private static long size(int[] shape) {
        long size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        return size;
    }
}
