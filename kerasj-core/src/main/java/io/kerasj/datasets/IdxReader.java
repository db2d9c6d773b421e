package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.Targets;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads gzip-compressed IDX files (the MNIST format): {@code idx3-ubyte} images (magic {@code 0x00000803})
 * and {@code idx1-ubyte} labels (magic {@code 0x00000801}). Every header field is checked against the file's
 * size; every failure is a {@link DatasetException} naming the file and what was expected versus found.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxReader() {
    }

    /**
     * Reads a whole IDX file: decompressed when it is a {@code .gz} file (or starts as gzip does), as it is otherwise
     * (MNIST's files are also distributed uncompressed, e.g. {@code train-images.idx3-ubyte}).
     *
     * @param gzFile the file
     * @return its (decompressed) content
     * @throws DatasetException when the file is missing, unreadable, or a truncated/corrupt gzip file
     */
    public static byte[] readContent(Path gzFile) {
        if (Files.isDirectory(gzFile)) {
            throw new DatasetException(gzFile + ": cannot read: expected a regular file, found a directory");
        }
        byte[] compressed;
        try {
            compressed = Files.readAllBytes(gzFile);
        } catch (NoSuchFileException e) {
            throw new DatasetException(gzFile + ": cannot read: expected a file, found none", e);
        } catch (AccessDeniedException e) {
            throw new DatasetException(gzFile + ": cannot read: permission denied", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new DatasetException(gzFile + ": cannot read: " + e, e);
        }
        boolean gzip = compressed.length >= 2 && (compressed[0] & 0xFF) == 0x1f && (compressed[1] & 0xFF) == 0x8b;
        if (!gzip && !gzFile.getFileName().toString().endsWith(".gz")) {
            return compressed;
        }
        return decompress(compressed, gzFile.toString());
    }

    /**
     * Decompresses gzip data held in memory.
     *
     * @param compressed the gzip bytes
     * @param source the file they came from, named in messages
     * @return the decompressed content
     * @throws DatasetException when the bytes are not gzip, or truncated/corrupt
     */
    public static byte[] decompress(byte[] compressed, String source) {
        if (compressed.length < 2 || (compressed[0] & 0xFF) != 0x1f || (compressed[1] & 0xFF) != 0x8b) {
            throw new DatasetException(source + ": expected a gzip file (starting with bytes 1f 8b), found "
                    + describeStart(compressed));
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed), 1 << 16)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new DatasetException(source + ": truncated gzip file: expected a complete gzip stream, found its end after "
                    + compressed.length + " bytes (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(source + ": corrupt gzip file: expected valid gzip data, found an error ("
                    + e.getMessage() + ")", e);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new DatasetException(source + ": corrupt gzip file: expected valid gzip data, found an error (" + e + ")", e);
        }
    }

    /**
     * Reads a gzip-compressed IDX3 unsigned-byte image file.
     *
     * @param gzFile the file
     * @return the images
     * @throws DatasetException on any read, decompression or header error
     */
    public static IdxImages readImages(Path gzFile) {
        return parseImages(readContent(gzFile), gzFile.toString());
    }

    /**
     * Reads a gzip-compressed IDX1 unsigned-byte label file.
     *
     * @param gzFile the file
     * @return the labels, each in [0, 255]
     * @throws DatasetException on any read, decompression or header error
     */
    public static int[] readLabels(Path gzFile) {
        return parseLabels(readContent(gzFile), gzFile.toString());
    }

    /**
     * Reads an IDX image file and its IDX label file as one labelled set; the class count is one more than the
     * largest label.
     *
     * @param imagesGz the (gzip-compressed) idx3-ubyte image file
     * @param labelsGz the (gzip-compressed) idx1-ubyte label file
     * @return the images, sample shape {@code [rows, cols]}, with their labels
     * @throws DatasetException on any read, decompression or header error, or when the counts differ
     */
    public static Dataset readLabeled(Path imagesGz, Path labelsGz) {
        int[] labels = readLabels(labelsGz);
        IdxImages images = readImages(imagesGz);
        Targets y = Targets.wrapClasses(labels, Targets.classCountOf(labels), labelsGz.toString());
        return images.withLabels(imagesGz.toString(), y, labelsGz.toString());
    }

    /**
     * Parses the decompressed content of an IDX3 unsigned-byte image file.
     *
     * @param content the decompressed content
     * @param source the file it came from, named in messages
     * @return the images
     * @throws DatasetException when the magic number or a dimension disagrees with the content
     */
    public static IdxImages parseImages(byte[] content, String source) {
        int[] dims = parseImagesHeader(content, source);
        int count = dims[0];
        int rows = dims[1];
        int cols = dims[2];
        long expected = IMAGES_HEADER + (long) count * rows * cols;
        if (expected != content.length) {
            throw new DatasetException(source + ": header says " + count + " images of " + rows + " x " + cols
                    + ": expected " + expected + " decompressed bytes, found " + content.length);
        }
        return new IdxImages(Arrays.copyOfRange(content, IMAGES_HEADER, content.length), count, rows, cols);
    }

    /**
     * Parses the decompressed content of an IDX1 unsigned-byte label file.
     *
     * @param content the decompressed content
     * @param source the file it came from, named in messages
     * @return the labels, each in [0, 255]
     * @throws DatasetException when the magic number or the count disagrees with the content
     */
    public static int[] parseLabels(byte[] content, String source) {
        int count = parseLabelsHeader(content, source);
        long expected = LABELS_HEADER + (long) count;
        if (expected != content.length) {
            throw new DatasetException(source + ": header says " + count + " labels: expected " + expected
                    + " decompressed bytes, found " + content.length);
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = content[LABELS_HEADER + i] & 0xFF;
        }
        return labels;
    }

    /** Bytes before the pixels of an idx3-ubyte image file. */
    public static final int IMAGES_HEADER_BYTES = IMAGES_HEADER;
    /** Bytes before the labels of an idx1-ubyte label file. */
    public static final int LABELS_HEADER_BYTES = LABELS_HEADER;

    /**
     * Checks the header of an IDX3 unsigned-byte image file (its first {@value #IMAGES_HEADER} bytes, or more), for
     * readers that stream the pixels.
     *
     * @param header the file's first bytes (decompressed)
     * @param source the file, named in messages
     * @return {@code {count, rows, cols}}
     * @throws DatasetException when the magic number is wrong, the header is short, or a dimension is not valid
     */
    public static int[] parseImagesHeader(byte[] header, String source) {
        checkHeader(header, source, IMAGES_MAGIC, IMAGES_HEADER, "idx3-ubyte images");
        ByteBuffer b = ByteBuffer.wrap(header);
        int count = b.getInt(4);
        int rows = b.getInt(8);
        int cols = b.getInt(12);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new DatasetException(source + ": expected a non-negative image count and positive rows and columns in the header, found "
                    + count + " x " + rows + " x " + cols);
        }
        return new int[] {count, rows, cols};
    }

    /**
     * Checks the header of an IDX1 unsigned-byte label file (its first {@value #LABELS_HEADER} bytes, or more).
     *
     * @param header the file's first bytes (decompressed)
     * @param source the file, named in messages
     * @return the label count
     * @throws DatasetException when the magic number is wrong, the header is short, or the count is negative
     */
    public static int parseLabelsHeader(byte[] header, String source) {
        checkHeader(header, source, LABELS_MAGIC, LABELS_HEADER, "idx1-ubyte labels");
        int count = ByteBuffer.wrap(header).getInt(4);
        if (count < 0) {
            throw new DatasetException(source + ": expected a non-negative label count in the header, found " + count);
        }
        return count;
    }

    private static void checkHeader(byte[] content, String source, int magic, int headerSize, String kind) {
        if (content.length < 4) {
            throw new DatasetException(source + ": expected an IDX header of " + headerSize + " bytes, found "
                    + content.length + " bytes of content");
        }
        int found = ByteBuffer.wrap(content).getInt(0);
        if (found != magic) {
            throw new DatasetException(source + ": wrong magic number: expected " + hex(magic) + " (" + kind + "), found " + hex(found));
        }
        if (content.length < headerSize) {
            throw new DatasetException(source + ": expected an IDX header of " + headerSize + " bytes, found "
                    + content.length + " bytes of content");
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    private static String describeStart(byte[] bytes) {
        if (bytes.length == 0) {
            return "an empty file";
        }
        StringBuilder sb = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(2, bytes.length); i++) {
            sb.append(String.format(" %02x", bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
