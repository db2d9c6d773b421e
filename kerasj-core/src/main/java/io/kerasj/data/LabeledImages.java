package io.kerasj.data;

import java.util.Arrays;

/**
 * An immutable set of {@code count} grey-scale images of {@code rows x cols} unsigned bytes with one integer
 * label each: Keras's {@code (x, y)} pair before scaling.
 */
public final class LabeledImages {
    private final byte[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;

    private LabeledImages(byte[] pixels, int rows, int cols, int[] labels) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("rows, cols: expected positive values, found " + rows + ", " + cols);
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels: expected " + labels.length + " images of " + rows + " x " + cols
                    + " = " + (long) labels.length * rows * cols + " bytes for " + labels.length + " labels, found " + pixels.length);
        }
        this.pixels = pixels;
        this.rows = rows;
        this.cols = cols;
        this.labels = labels;
    }

    /**
     * @param pixels row-major pixels of all images, image after image (copied)
     * @param rows rows of one image
     * @param cols columns of one image
     * @param labels one label per image (copied)
     * @return the labelled images
     * @throws IllegalArgumentException when {@code pixels.length != labels.length * rows * cols}
     */
    public static LabeledImages of(byte[] pixels, int rows, int cols, int[] labels) {
        return new LabeledImages(pixels.clone(), rows, cols, labels.clone());
    }

    /**
     * Pairs the images and labels read from two IDX files.
     *
     * @param images the parsed image file
     * @param imagesSource the image file, named in messages
     * @param labels the parsed label file (taken over, not copied)
     * @param labelsSource the label file, named in messages
     * @return the labelled images
     * @throws DatasetException when the counts differ
     */
    static LabeledImages fromIdx(IdxImages images, String imagesSource, int[] labels, String labelsSource) {
        if (images.count() != labels.length) {
            throw new DatasetException(imagesSource + " has " + images.count() + " images but " + labelsSource + " has "
                    + labels.length + " labels: expected equal counts");
        }
        return new LabeledImages(images.unsafePixels(), images.rows(), images.cols(), labels);
    }

    /** @return the number of images */
    public int count() {
        return labels.length;
    }

    /** @return the rows of one image */
    public int rows() {
        return rows;
    }

    /** @return the columns of one image */
    public int cols() {
        return cols;
    }

    /** @return the shape of the images as NumPy shows it: {@code {count, rows, cols}} */
    public long[] shape() {
        return new long[] {count(), rows, cols};
    }

    /** @return a copy of all pixels, row-major, image after image */
    public byte[] pixels() {
        return pixels.clone();
    }

    /**
     * @param index an image index in [0, count)
     * @return that image's pixels, row-major (a copy)
     */
    public byte[] image(int index) {
        checkIndex(index);
        int size = rows * cols;
        return Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
    }

    /**
     * @param index an image index in [0, count)
     * @return that image's label
     */
    public int label(int index) {
        checkIndex(index);
        return labels[index];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param from first image, inclusive
     * @param to last image, exclusive
     * @return images and labels [from, to), as NumPy's {@code x[from:to]}
     * @throws IndexOutOfBoundsException when the range is not within [0, count]
     */
    public LabeledImages slice(int from, int to) {
        if (from < 0 || to > count() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + "): expected a range within [0, " + count() + "]");
        }
        int size = rows * cols;
        return new LabeledImages(Arrays.copyOfRange(pixels, from * size, to * size), rows, cols,
                Arrays.copyOfRange(labels, from, to));
    }

    /**
     * The images as float32 in [0, 1], as the notebook's {@code x / 255.0}: each value is exactly
     * {@code (float) (b & 0xFF) / 255.0f}. The labels are {@link #labels()}.
     *
     * @return the scaled images, sample shape {@code [rows, cols]}
     */
    public FloatSamples scaled() {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (float) (pixels[i] & 0xFF) / 255.0f;
        }
        return FloatSamples.wrap(values, rows, cols);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("index: expected a value in [0, " + count() + "), found " + index);
        }
    }
}
