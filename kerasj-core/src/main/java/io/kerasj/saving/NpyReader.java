package io.kerasj.saving;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} array (format 1.0 to 3.0) of float32, float64, uint8 or little-endian integers (labels)
 * in C order as float32 values.
 * The header is bounded and the data size is checked against the file before anything is allocated. No pickled
 * objects: an {@code object} dtype is refused.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * An array read from a file.
     *
     * @param shape its dimensions
     * @param values its values as float32, row-major
     * @param dtype NumPy's dtype description, e.g. {@code <f4}
     */
    public record Array(long[] shape, float[] values, String dtype) {
    }

    /**
     * @param file a {@code .npy} file
     * @return the array
     * @throws KerasFileException when the file is not such an array
     */
    public static Array read(Path file) {
        return read(file, true);
    }

    /**
     * @param file a {@code .npy} file
     * @return its dtype description (e.g. {@code <f4}, {@code |u1}), read from the header alone
     */
    public static String dtype(Path file) {
        return read(file, false).dtype();
    }

    private static Array read(Path file, boolean withValues) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            byte[] magic = in.readNBytes(6);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new KerasFileException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new KerasFileException(file + ": .npy format version " + major + ", expected 1, 2 or 3");
            }
            if (headerLength > MAX_HEADER) {
                throw new KerasFileException(file + ": .npy header of " + headerLength + " bytes, expected at most " + MAX_HEADER);
            }
            String header = new String(in.readNBytes((int) headerLength), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String dtype = group(file, DESCR, header, "descr");
            if ("True".equals(group(file, FORTRAN, header, "fortran_order"))) {
                throw new KerasFileException(file + ": a Fortran-order array, expected C order");
            }
            long[] shape = shape(file, group(file, SHAPE, header, "shape"));
            int itemSize = switch (dtype) {
                case "<f4", "<i4" -> 4;
                case "<f8", "<i8" -> 8;
                case "|u1", "<u1", "u1", "|i1" -> 1;
                case "<i2", "<u2" -> 2;
                default -> throw new KerasFileException(file + ": dtype '" + dtype + "', expected float32 (<f4), float64 (<f8), uint8 (|u1)"
                        + " or little-endian integers");
            };
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            long dataBytes = Files.size(file) - 6 - 2 - (major == 1 ? 2 : 4) - headerLength;
            if (count > Limits.MAX_TENSOR_ELEMENTS || count * itemSize != dataBytes) {
                throw new KerasFileException(file + ": shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                        + count * itemSize + " bytes, the file holds " + dataBytes);
            }
            if (!withValues) {
                return new Array(shape, new float[0], dtype);
            }
            float[] values = new float[(int) count];
            byte[] chunk = new byte[1 << 16];
            int at = 0;
            while (at < values.length) {
                int n = (int) Math.min(chunk.length / itemSize, values.length - at);
                in.readFully(chunk, 0, n * itemSize);
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, n * itemSize).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    values[at + i] = switch (dtype) {
                        case "<f4" -> b.getFloat();
                        case "<f8" -> (float) b.getDouble();
                        case "<i4" -> b.getInt();
                        case "<i8" -> b.getLong();
                        case "<i2" -> b.getShort();
                        case "<u2" -> b.getShort() & 0xFFFF;
                        case "|i1" -> b.get();
                        default -> b.get() & 0xFF;
                    };
                }
                at += n;
            }
            return new Array(shape, values, dtype);
        } catch (IOException | ArithmeticException e) {
            throw new KerasFileException(file + ": cannot read the .npy array: " + e.getMessage(), e);
        }
    }

    private static String group(Path file, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new KerasFileException(file + ": .npy header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static long[] shape(Path file, String text) {
        String[] parts = text.split(",");
        return java.util.Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                long d = Long.parseLong(s.replace("L", ""));
                if (d < 0) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new KerasFileException(file + ": .npy shape (" + text + "): expected non-negative integers");
            }
        }).toArray();
    }
}
