package io.kerasj.data;

import io.kerasj.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0), read strictly: the magic string, the version, a header
 * that is exactly the dict {@code {'descr': ..., 'fortran_order': False, 'shape': (...)}}, one of the dtypes of
 * {@link NpyArray.DType}, C order, and exactly as many data bytes as the shape needs. Sizes are checked before
 * anything is allocated. Every failure is one {@link DatasetException} line naming the file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    /** The largest Java array. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int ALIGNMENT = 64;

    private Npy() {
    }

    /**
     * @param file an {@code .npy} file
     * @return its array
     * @throws DatasetException naming the file on any read or format error
     */
    public static NpyArray read(Path file) {
        requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Files.size(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": cannot read: expected a file, found none", e, file);
        } catch (AccessDeniedException e) {
            throw new DatasetException(file + ": cannot read: permission denied", e, file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e, file);
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
    }

    /** A FIFO or a device would block or never end: only regular files (links followed) are opened. */
    private static void requireRegularFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + ": cannot read: expected an .npy file, found a directory", null, file);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DatasetException(file + ": cannot read: not a regular file (a FIFO, socket or device): expected an .npy file", null, file);
        }
    }

    /**
     * Reads only the header of an {@code .npy} file, checked as {@link #read(Path)} checks it.
     *
     * @param file an {@code .npy} file
     * @return the element type its header declares
     * @throws DatasetException naming the file on any read or format error
     */
    public static NpyArray.DType dtypeOf(Path file) {
        requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return head(in, Files.size(file), file.toString()).header().dtype();
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e, file);
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
    }

    /**
     * Reads and checks an {@code .npy} file's header without reading its data, for readers that map the data or
     * read it in slices (so no heap limit applies): the data must be exactly as long as the shape needs.
     *
     * @param file an {@code .npy} file
     * @return the dtype, the shape and where the data lies
     * @throws DatasetException naming the file on any read or format error, a truncated file or trailing bytes
     */
    public static NpyLayout layout(Path file) {
        requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            String source = file.toString();
            Head head = head(in, size, source);
            NpyHeader parsed = head.header();
            long dataBytes;
            try {
                long elements = 1;
                for (long d : parsed.shape()) {
                    elements = Math.multiplyExact(elements, d);
                }
                dataBytes = Math.multiplyExact(elements, (long) parsed.dtype().itemSize());
            } catch (ArithmeticException e) {
                throw new DatasetException(source + ": shape " + NumpyShape.text(parsed.shape()) + " overflows");
            }
            long offset = head.preambleLength() + head.headerLength();
            long available = size - offset;
            if (dataBytes != available) {
                throw new DatasetException(source + ": header says shape " + NumpyShape.text(parsed.shape()) + " of "
                        + parsed.dtype().descr() + ": expected " + dataBytes + " data bytes, found " + available
                        + (available < dataBytes ? " (truncated file)" : " (trailing bytes)"));
            }
            return new NpyLayout(parsed.dtype(), parsed.shape(), offset, dataBytes);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": cannot read: expected a file, found none", e, file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e, file);
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
    }

    /**
     * Reads one array from a stream that holds exactly {@code size} bytes (a file, or an entry of an {@code .npz}).
     *
     * @param in the stream, positioned at the magic string
     * @param size the number of bytes the stream holds
     * @param source the file, named in messages
     * @return the array
     * @throws DatasetException on any format error, or when the stream holds more or fewer bytes than the header needs
     * @throws IOException when reading fails
     */
    static NpyArray read(InputStream in, long size, String source) throws IOException {
        Head head = head(in, size, source);
        NpyHeader parsed = head.header();
        long preambleLength = head.preambleLength();
        long headerLength = head.headerLength();
        long dataBytes = dataBytes(parsed, source);
        long available = size - preambleLength - headerLength;
        if (dataBytes != available) {
            throw new DatasetException(source + ": header says shape " + NumpyShape.text(parsed.shape()) + " of " + parsed.dtype().descr()
                    + ": expected " + dataBytes + " data bytes, found " + available
                    + (available < dataBytes ? " (truncated file)" : " (trailing bytes)"));
        }
        byte[] data = in.readNBytes((int) dataBytes);
        if (data.length != dataBytes || in.read() != -1) {
            throw new DatasetException(source + ": expected " + dataBytes + " data bytes, found "
                    + (data.length != dataBytes ? data.length + " (truncated file)" : "more (trailing bytes)"));
        }
        return NpyArray.wrap(parsed.dtype(), parsed.shape(), data);
    }

    /** The parsed header and the byte counts before the data. */
    private record Head(NpyHeader header, long preambleLength, long headerLength) {
    }

    /** Reads and checks the magic string, the version and the header, leaving {@code in} at the data. */
    private static Head head(InputStream in, long size, String source) throws IOException {
        byte[] preamble = in.readNBytes(MAGIC.length + 2);
        if (preamble.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
            throw new DatasetException(source + ": expected an .npy file (starting with \\x93NUMPY), found "
                    + (preamble.length == 0 ? "an empty file" : "other bytes"));
        }
        if (preamble.length < MAGIC.length + 2) {
            throw new DatasetException(source + ": truncated .npy file: expected a version after the magic string, found its end");
        }
        int major = preamble[6] & 0xFF;
        int minor = preamble[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new DatasetException(source + ": expected .npy format version 1.0, 2.0 or 3.0, found " + major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new DatasetException(source + ": truncated .npy file: expected a header length, found its end");
        }
        ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? (lb.getShort() & 0xFFFF) : (lb.getInt() & 0xFFFFFFFFL);
        if (headerLength > MAX_HEADER) {
            throw new DatasetException(source + ": expected an .npy header of at most " + MAX_HEADER + " bytes, found a length of " + headerLength);
        }
        long preambleLength = MAGIC.length + 2 + lengthBytes;
        if (preambleLength + headerLength > size) {
            throw new DatasetException(source + ": truncated .npy file: header length " + headerLength + " runs past the end of the "
                    + size + "-byte file");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new DatasetException(source + ": truncated .npy file: expected a header of " + headerLength + " bytes, found "
                    + headerBytes.length);
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader parsed = NpyHeader.parse(header, source);
        return new Head(parsed, preambleLength, headerLength);
    }

    private static long dataBytes(NpyHeader header, String source) {
        long bytes;
        try {
            long elements = 1;
            for (long d : header.shape()) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, (long) header.dtype().itemSize());
        } catch (ArithmeticException e) {
            throw new DatasetException(source + ": shape " + NumpyShape.text(header.shape()) + " overflows: expected at most "
                    + MAX_ARRAY + " bytes of data");
        }
        if (bytes > MAX_ARRAY) {
            throw new DatasetException(source + ": shape " + NumpyShape.text(header.shape()) + " of " + header.dtype().descr() + " needs "
                    + bytes + " bytes: expected at most " + MAX_ARRAY + " (the largest Java array)");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new DatasetException(source + ": shape " + NumpyShape.text(header.shape()) + " needs " + bytes
                    + " bytes: expected at most half of the Java heap (" + heap + " bytes); raise -Xmx");
        }
        return bytes;
    }

    /**
     * Writes {@code array} as a version 1.0 {@code .npy} file (version 2.0 when the header needs it), as
     * {@code numpy.save} does, through a temporary file renamed into place.
     *
     * @param file the file to create or replace
     * @param array the array
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path file, NpyArray array) throws IOException {
        return AtomicFiles.write(file, out -> writeTo(out, array));
    }

    /**
     * @param out where the {@code .npy} bytes go
     * @param array the array
     * @throws IOException when writing fails
     */
    public static void writeTo(OutputStream out, NpyArray array) throws IOException {
        long[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i > 0 ? ", " : "").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        String dict = "{'descr': '" + array.dtype().descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int major = dict.length() + 1 + MAGIC.length + 4 > 65535 ? 2 : 1;
        int preamble = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        int padding = (ALIGNMENT - (preamble + dict.length() + 1) % ALIGNMENT) % ALIGNMENT;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        out.write(MAGIC);
        out.write(major);
        out.write(0);
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) header.length);
        } else {
            length.putInt(header.length);
        }
        out.write(length.array());
        out.write(header);
        out.write(array.unsafeData());
    }
}
