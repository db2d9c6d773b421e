package io.kerasj.applications;

import java.util.Objects;

/**
 * One file of Keras's published weights, as a Keras Application asks {@code keras.utils.get_file} for it: the
 * file name in the cache ({@code ~/.keras/models/<fileName>}), the URL it comes from, and Keras's
 * {@code file_hash} (MD5 when 32 hex digits, SHA-256 when 64, as Keras's {@code hash_algorithm="auto"}), or null
 * where Keras gives none (MobileNetV2).
 *
 * @param fileName the name in the cache
 * @param origin the URL
 * @param fileHash Keras's hash, or null
 */
public record PretrainedWeights(String fileName, String origin, String fileHash) {
    /**
     * @throws IllegalArgumentException when the name is a path or the hash is neither MD5 nor SHA-256 hex
     */
    public PretrainedWeights {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(origin, "origin");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("fileName: expected a plain file name, got '" + fileName + "'");
        }
        if (fileHash != null && !fileHash.matches("[0-9a-f]{32}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("fileHash: expected 32 (MD5) or 64 (SHA-256) lower-case hex digits, got '" + fileHash + "'");
        }
    }

    /** @return the hash algorithm Keras's {@code resolve_hasher("auto", file_hash)} picks: SHA-256 for 64 digits, else MD5 */
    public String algorithm() {
        return fileHash != null && fileHash.length() == 64 ? "SHA-256" : "MD5";
    }
}
