package io.kerasj.datasets;

import io.kerasj.data.DatasetException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 digests of file contents and their verification against an expected digest. */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * @param content the bytes to digest
     * @return the lower-case hexadecimal SHA-256 of {@code content}
     */
    public static String hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * @param content the decompressed content of {@code source}
     * @param expected the expected lower- or upper-case hexadecimal SHA-256
     * @param source the file the content came from, named in the message
     * @throws DatasetException when the digest of {@code content} differs from {@code expected}
     */
    public static void verify(byte[] content, String expected, String source) {
        String actual = hex(content);
        if (!actual.equals(expected.toLowerCase(Locale.ROOT))) {
            throw new DatasetException(source + ": SHA-256 of the decompressed content: expected " + expected
                    + ", found " + actual + " (the file is corrupt or not the expected one)");
        }
    }
}
