package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.Samples;
import io.kerasj.data.Targets;

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

    /**
     * Pairs these images with their labels, sharing this immutable array.
     *
     * @return the dataset, sample shape {@code [rows, cols]}
     * @throws DatasetException naming both files when the counts differ
     */
    Dataset withLabels(String imagesSource, Targets labels, String labelsSource) {
        if (count != labels.count()) {
            throw new DatasetException(imagesSource + " has " + count + " images but " + labelsSource + " has "
                    + labels.count() + " labels: expected equal counts");
        }
        return Dataset.of(Samples.wrapBytes(pixels, count, rows, cols), labels);
    }

    /** The backing array, for this package's zero-copy hand-over; never modified. */
    byte[] unsafePixels() {
        return pixels;
    }
}
