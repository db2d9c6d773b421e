package io.kerasj.datasets;

import io.kerasj.data.DatasetException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Reads one regular file out of a {@code .tar.gz} held in memory, by its exact member name, with bounds: the member's
 * declared size is checked against a limit before anything is allocated, and the decompressed bytes read in all are
 * capped, so a hostile archive can neither exhaust memory nor run long. Names in the archive are only compared, never
 * used as paths. Plain ustar/GNU headers; other entries (directories, PAX headers, long names) are skipped by size.
 */
public final class TarGzMember {

    private static final int BLOCK = 512;

    private TarGzMember() {
    }

    /**
     * @param archive the {@code .tar.gz} bytes
     * @param memberName the member's full name in the archive, e.g. {@code CaliforniaHousing/cal_housing.data}
     * @param maxMemberBytes the largest member size accepted
     * @param maxTotalBytes the most decompressed bytes read before giving up
     * @param source the archive's name, for messages
     * @return the member's content
     * @throws DatasetException when the archive is not a gzip-compressed tar, is truncated, lacks the member, or a
     *     limit is exceeded; one line naming {@code source}
     */
    public static byte[] read(byte[] archive, String memberName, long maxMemberBytes, long maxTotalBytes, String source) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            long consumed = 0;
            byte[] header = new byte[BLOCK];
            while (true) {
                if (!readFully(in, header)) {
                    throw new DatasetException(source + ": expected a tar archive holding " + memberName + ", found none (the archive ends first)");
                }
                consumed += BLOCK;
                if (isZero(header)) {
                    throw new DatasetException(source + ": expected a tar archive holding " + memberName + ", found none");
                }
                checkChecksum(header, source);
                String name = name(header);
                long size = octal(header, 124, 12, source);
                char type = (char) header[156];
                boolean regular = type == '0' || type == '\0';
                if (regular && name.equals(memberName)) {
                    if (size > maxMemberBytes) {
                        throw new DatasetException(source + ": " + memberName + " declares " + size + " bytes, expected at most "
                                + maxMemberBytes);
                    }
                    byte[] content = new byte[(int) size];
                    if (!readFully(in, content)) {
                        throw new DatasetException(source + ": " + memberName + " is truncated: expected " + size + " bytes");
                    }
                    return content;
                }
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                consumed += padded;
                if (consumed > maxTotalBytes) {
                    throw new DatasetException(source + ": expected " + memberName + " within the first " + maxTotalBytes
                            + " decompressed bytes, found it not there");
                }
                skipFully(in, padded, source);
            }
        } catch (IOException e) {
            throw new DatasetException(source + ": expected a gzip-compressed tar archive, found unreadable data (" + e.getMessage() + ")", e);
        }
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar && header[345] != 0 ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length, String source) {
        if ((header[offset] & 0x80) != 0) {
            throw new DatasetException(source + ": a tar header declares a size in base-256, expected octal (no member here is that large)");
        }
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7' || value > (Long.MAX_VALUE >> 3)) {
                throw new DatasetException(source + ": a tar header's size field is not an octal number");
            }
            value = value * 8 + (b - '0');
            digits = true;
        }
        return value;
    }

    private static void checkChecksum(byte[] header, String source) {
        long declared = octal(header, 148, 8, source);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
        }
        if (sum != declared) {
            throw new DatasetException(source + ": a tar header's checksum is " + declared + ", expected " + sum + " (not a tar archive, or corrupt)");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        return n == buffer.length;
    }

    private static void skipFully(InputStream in, long count, String source) throws IOException {
        long left = count;
        byte[] scratch = new byte[8192];
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                throw new DatasetException(source + ": the tar archive is truncated");
            }
            left -= n;
        }
    }
}
