package io.kerasj.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar archives, gzip-compressed, for the tests of the archive readers. */
final class TestTarGz {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** Adds a regular file whose header declares {@code declaredSize} (normally {@code content.length}). */
    TestTarGz file(String name, byte[] content, long declaredSize) {
        tar.writeBytes(header(name, declaredSize, '0'));
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    TestTarGz file(String name, byte[] content) {
        return file(name, content, content.length);
    }

    TestTarGz directory(String name) {
        tar.writeBytes(header(name, 0, '5'));
        return this;
    }

    /** The archive with the two zero blocks that end a tar, gzip-compressed. */
    byte[] gzipped() {
        return gzip(tar.toByteArray(), true);
    }

    /** The archive without its end blocks, e.g. cut short. */
    byte[] gzippedWithoutEnd() {
        return gzip(tar.toByteArray(), false);
    }

    private static byte[] gzip(byte[] body, boolean end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
            if (end) {
                gz.write(new byte[1024]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        h[262] = 0;
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
