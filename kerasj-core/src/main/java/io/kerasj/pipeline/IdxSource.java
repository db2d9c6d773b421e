package io.kerasj.pipeline;

import io.kerasj.data.DatasetException;
import io.kerasj.datasets.IdxReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * MNIST's IDX files (gzip-compressed or not) streamed: each pass reads the image file and the label file from the
 * start, one image and one label per element, never holding the files whole. The headers are checked by
 * {@link IdxReader}'s rules when the pipeline is made (equal counts; an uncompressed file exactly as long as its
 * header says); a gzip file cut short or with trailing bytes is refused when a pass reaches the place, in one line
 * naming the file and the image. Elements are {@code (uint8[rows, cols], uint8[])}, as Keras's {@code load_data}.
 */
final class IdxSource extends Pipeline {
    /** The largest image accepted: a bound on what one element allocates. */
    static final long MAX_IMAGE_BYTES = 1 << 24;

    private final Path images;
    private final Path labels;
    private final int count;
    private final int rows;
    private final int cols;

    IdxSource(Path images, Path labels) {
        this.images = images;
        this.labels = labels;
        int[] dims;
        int labelCount;
        try (InputStream in = open(images)) {
            dims = imagesHeader(in.readNBytes(IdxReader.IMAGES_HEADER_BYTES), images);
        } catch (IOException e) {
            throw new PipelineException(images + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream in = open(labels)) {
            labelCount = labelsHeader(in.readNBytes(IdxReader.LABELS_HEADER_BYTES), labels);
        } catch (IOException e) {
            throw new PipelineException(labels + ": cannot read: " + e.getMessage(), e);
        }
        count = dims[0];
        rows = dims[1];
        cols = dims[2];
        if ((long) rows * cols > MAX_IMAGE_BYTES) {
            throw new PipelineException(images + ": header says images of " + rows + " x " + cols + ": expected at most "
                    + MAX_IMAGE_BYTES + " pixels each");
        }
        if (count != labelCount) {
            throw new PipelineException(images + " has " + count + " images but " + labels + " has " + labelCount
                    + " labels: expected equal counts");
        }
        checkSize(images, IdxReader.IMAGES_HEADER_BYTES + (long) count * rows * cols, count + " images of " + rows + " x " + cols);
        checkSize(labels, IdxReader.LABELS_HEADER_BYTES + (long) count, count + " labels");
    }

    /** An uncompressed file's length is known: a truncated or padded one is refused before any pass. */
    private static void checkSize(Path file, long expected, String what) {
        try {
            if (!isGzip(file) && Files.size(file) != expected) {
                long size = Files.size(file);
                throw new PipelineException(file + ": header says " + what + ": expected " + expected + " bytes, found " + size
                        + (size < expected ? " (truncated file)" : " (trailing bytes)"));
            }
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && (start[0] & 0xFF) == 0x1f && (start[1] & 0xFF) == 0x8b;
        }
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PipelineException(file + ": cannot read: expected an IDX file, found "
                    + (Files.isDirectory(file) ? "a folder" : Files.exists(file) ? "no regular file" : "none"));
        }
        InputStream raw = Files.newInputStream(file);
        if (isGzip(file)) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new BufferedInputStream(raw, 1 << 16);
    }

    @Override
    public long cardinality() {
        return count;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        InputStream imageIn;
        InputStream labelIn;
        try {
            imageIn = open(images);
        } catch (IOException e) {
            throw new PipelineException(images + ": cannot read: " + e.getMessage(), e);
        }
        try {
            labelIn = open(labels);
        } catch (IOException | RuntimeException e) {
            closeQuietly(imageIn);
            throw e instanceof IOException io ? new PipelineException(labels + ": cannot read: " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
        return new LookaheadIterator() {
            private int next = -1;

            @Override
            protected Element advance() {
                try {
                    if (next < 0) {
                        same(imagesHeader(read(imageIn, IdxReader.IMAGES_HEADER_BYTES, images, "the header"), images));
                        labelsHeader(read(labelIn, IdxReader.LABELS_HEADER_BYTES, labels, "the header"), labels);
                        next = 0;
                    }
                    if (next == count) {
                        trailing(imageIn, images, "images");
                        trailing(labelIn, labels, "labels");
                        return null;
                    }
                    byte[] pixels = read(imageIn, rows * cols, images, "image " + next);
                    byte[] label = read(labelIn, 1, labels, "label " + next);
                    next++;
                    return Element.of(HostArray.ofUint8(pixels, rows, cols), HostArray.ofUint8(label));
                } catch (IOException e) {
                    throw new PipelineException(images + " / " + labels + ": cannot read at record " + next + ": " + e.getMessage(), e);
                }
            }

            private void same(int[] dims) {
                if (dims[0] != count || dims[1] != rows || dims[2] != cols) {
                    throw new PipelineException(images + ": the file changed since the pipeline was made");
                }
            }

            private void trailing(InputStream in, Path file, String what) throws IOException {
                if (in.read() != -1) {
                    throw new PipelineException(file + ": expected the end after " + count + " " + what + ", found trailing bytes");
                }
            }

            @Override
            public void close() {
                closeQuietly(imageIn);
                closeQuietly(labelIn);
            }
        };
    }

    private static int[] imagesHeader(byte[] header, Path file) {
        try {
            return IdxReader.parseImagesHeader(header, file.toString());
        } catch (DatasetException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    private static int labelsHeader(byte[] header, Path file) {
        try {
            return IdxReader.parseLabelsHeader(header, file.toString());
        } catch (DatasetException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    private static byte[] read(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b;
        try {
            b = in.readNBytes(n);
        } catch (java.io.EOFException e) {
            throw new PipelineException(file + ": truncated file: expected " + what + ", found the end of the compressed data", e);
        } catch (java.util.zip.ZipException e) {
            throw new PipelineException(file + ": corrupt gzip data at " + what + ": " + e.getMessage(), e);
        }
        if (b.length != n) {
            throw new PipelineException(file + ": truncated file: expected " + what + " (" + n + " bytes), found " + b.length);
        }
        return b;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    @Override
    public String toString() {
        return "from_idx(" + images + ", " + labels + ")";
    }
}
