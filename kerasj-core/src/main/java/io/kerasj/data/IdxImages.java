package io.kerasj.data;

import java.util.Arrays;

/**
 * The parsed content of an IDX3 unsigned-byte image file: {@code count} images of {@code rows x cols}
 * pixels, row-major, immutable.
 */
public final class IdxImages {
    private final byte[] pixels;
    private final int count;
    private final int rows;
    private final int cols;

    IdxImages(byte[] pixels, int count, int rows, int cols) {
        this.pixels = pixels;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
    }

    /** @return the number of images */
    public int count() {
        return count;
    }

    /** @return the rows of one image */
    public int rows() {
        return rows;
    }

    /** @return the columns of one image */
    public int cols() {
        return cols;
    }

    /** @return a copy of all pixels, row-major, image after image */
    public byte[] pixels() {
        return Arrays.copyOf(pixels, pixels.length);
    }

    /** The backing array, for this package's zero-copy hand-over; never modified. */
    byte[] unsafePixels() {
        return pixels;
    }
}
