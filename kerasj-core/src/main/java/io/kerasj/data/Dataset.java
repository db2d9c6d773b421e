package io.kerasj.data;

import java.util.Objects;

/**
 * A dataset as Keras's {@code (x, y)} pair: {@link Samples} of any rank with one {@link Targets} entry each,
 * immutable. Grey-scale images have the sample shape {@code [rows, cols]}, as Keras's {@code load_data()} gives
 * them; {@link #withChannelAxis()} gives {@code [rows, cols, 1]}, the shape convolutions take.
 */
public final class Dataset {
    private static final float PIXEL_MAX = 255.0f;

    private final Samples x;
    private final Targets y;

    private Dataset(Samples x, Targets y) {
        this.x = Objects.requireNonNull(x, "x");
        this.y = Objects.requireNonNull(y, "y");
        if (x.count() != y.count()) {
            throw new IllegalArgumentException("x, y: expected as many targets as samples, found " + x.count()
                    + " samples and " + y.count() + " targets");
        }
    }

    /**
     * @param x the samples
     * @param y one target per sample
     * @return the dataset
     * @throws IllegalArgumentException when the counts differ
     */
    public static Dataset of(Samples x, Targets y) {
        return new Dataset(x, y);
    }

    /**
     * Grey-scale images with one class label each.
     *
     * @param pixels row-major pixels of all images, image after image (copied)
     * @param rows rows of one image
     * @param cols columns of one image
     * @param labels one label per image (copied)
     * @param classCount the number of classes; every label must be in [0, classCount)
     * @return the dataset, sample shape {@code [rows, cols]}
     * @throws IllegalArgumentException when {@code pixels.length != labels.length * rows * cols} or a label is out of range
     */
    public static Dataset ofImages(byte[] pixels, int rows, int cols, int[] labels, int classCount) {
        return new Dataset(Samples.ofBytes(pixels, labels.length, rows, cols), Targets.classes(labels, classCount));
    }

    /**
     * Pairs samples and targets read from two files, naming both when the counts differ.
     */
    public static Dataset pair(Samples x, String xSource, Targets y, String ySource) {
        if (x.count() != y.count()) {
            throw new DatasetException(xSource + " has " + x.count() + " samples but " + ySource + " has " + y.count()
                    + " targets: expected equal counts");
        }
        return new Dataset(x, y);
    }

    /** @return the samples, Keras's {@code x} */
    public Samples x() {
        return x;
    }

    /** @return the targets, Keras's {@code y} */
    public Targets y() {
        return y;
    }

    /** @return the number of samples */
    public int count() {
        return x.count();
    }

    /** @return the shape of {@code x} as NumPy shows it, e.g. {@code {60000, 28, 28}} */
    public long[] shape() {
        return x.shape();
    }

    /** @return the rows of one image */
    public int rows() {
        return imageShape()[0];
    }

    /** @return the columns of one image */
    public int cols() {
        return imageShape()[1];
    }

    /** @return the number of classes of integer targets; 0 for float targets */
    public int classCount() {
        return y.classCount();
    }

    /**
     * Adds a trailing channel axis of 1 to grey-scale images: {@code (N, 28, 28)} becomes {@code (N, 28, 28, 1)}, as
     * NumPy's {@code np.expand_dims(x, -1)}. Images that have one already are returned as they are.
     *
     * @return the dataset with sample shape {@code [rows, cols, 1]}
     * @throws IllegalStateException when the samples are not images of rank 2 (or 3 with one channel)
     */
    public Dataset withChannelAxis() {
        int[] image = imageShape();
        return x.sampleShape().length == 3 ? this : new Dataset(x.reshape(image[0], image[1], 1), y);
    }

    /**
     * @param index an image index in [0, count)
     * @return that image's pixels, row-major (a copy)
     * @throws IllegalStateException when the samples are not unsigned-byte images
     */
    public byte[] image(int index) {
        imageShape();
        return x.sampleBytes(index);
    }

    /** @return a copy of all pixels, row-major, image after image (unsigned-byte samples only) */
    public byte[] pixels() {
        return x.bytes();
    }

    /**
     * @param index a sample index in [0, count)
     * @return that sample's class label
     * @throws IllegalStateException unless the targets are one integer per sample
     */
    public int label(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("index: expected a value in [0, " + count() + "), found " + index);
        }
        return y.slice(index, index + 1).labels()[0];
    }

    /**
     * @return the class label of every sample (a copy), Keras's sparse {@code y}
     * @throws IllegalStateException unless the targets are one integer per sample
     */
    public int[] labels() {
        return y.labels();
    }

    /**
     * @param from first sample, inclusive
     * @param to last sample, exclusive
     * @return samples and targets [from, to), as NumPy's {@code x[from:to], y[from:to]}
     * @throws IndexOutOfBoundsException when the range is not within [0, count]
     */
    public Dataset slice(int from, int to) {
        return new Dataset(x.slice(from, to), y.slice(from, to));
    }

    /**
     * The samples as float32 divided by 255, as the notebook's {@code x / 255.0}: for unsigned bytes each value is
     * exactly {@code (float) (b & 0xFF) / 255.0f}. The labels are {@link #labels()}.
     *
     * @return the scaled samples, of the sample shape
     */
    public FloatSamples scaled() {
        return x.toFloats(PIXEL_MAX);
    }

    /** @return the samples as float32 values, unscaled (Keras's {@code x.astype("float32")}) */
    public FloatSamples floats() {
        return x.toFloats(1.0f);
    }

    private int[] imageShape() {
        int[] shape = x.sampleShape();
        if (shape.length == 2 || (shape.length == 3 && shape[2] == 1)) {
            return shape;
        }
        throw new IllegalStateException("x: expected grey-scale images of shape (rows, cols) or (rows, cols, 1), found samples of shape "
                + NumpyShape.text(shape));
    }
}
