package io.kerasj.applications;

import io.kerasj.KerasJException;
import io.kerasj.io.AtomicFiles;
import io.kerasj.io.IoMessages;
import io.kerasj.io.OutputLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Keras's {@code keras.utils.get_file(fname, origin, cache_subdir="models", file_hash=...)} for the Applications'
 * weights: the file is {@code $KERAS_HOME/models/<fname>} ({@code ~/.keras/models} without {@code KERAS_HOME}); a
 * cached file is used when it matches Keras's hash (or Keras gives none), else it is downloaded again. A download is
 * written beside the target under the target's {@link OutputLock}, hashed as it streams, and moved into place only
 * when complete and matching: a mismatch is refused in one line and leaves no file behind.
 */
public final class WeightsCache {
    /** The most bytes a weights file may have (VGG's largest is about 0.6 GB). */
    public static final long MAX_BYTES = 2L << 30;

    private final Path modelsDir;
    private final PrintStream progress;

    /**
     * @param modelsDir the cache folder ({@code ~/.keras/models})
     * @param progress where the download line goes, or null
     */
    public WeightsCache(Path modelsDir, PrintStream progress) {
        this.modelsDir = modelsDir;
        this.progress = progress;
    }

    /** @return Keras's cache of models for this process's environment and home folder, reporting to standard error */
    public static WeightsCache standard() {
        return new WeightsCache(modelsDir(System.getenv(), Path.of(System.getProperty("user.home"))), System.err);
    }

    /**
     * @param env the environment ({@code KERAS_HOME})
     * @param home the user's home folder
     * @return {@code $KERAS_HOME/models}, else {@code home/.keras/models} (Keras's {@code config.keras_home()})
     */
    public static Path modelsDir(Map<String, String> env, Path home) {
        String kerasHome = env.get("KERAS_HOME");
        Path base = kerasHome != null && !kerasHome.isEmpty() ? Path.of(kerasHome) : home.resolve(".keras");
        return base.resolve("models");
    }

    /** @return the cache folder */
    public Path modelsDir() {
        return modelsDir;
    }

    /**
     * @param weights the file Keras publishes
     * @return the cached file, downloaded first when absent or not matching Keras's hash
     * @throws KerasJException in one line when it cannot be downloaded or does not match Keras's hash
     */
    public Path get(PretrainedWeights weights) {
        Path target = modelsDir.resolve(weights.fileName()).toAbsolutePath().normalize();
        try (OutputLock lock = OutputLock.acquire(target)) {
            if (Files.isRegularFile(target)) {
                if (weights.fileHash() == null || weights.fileHash().equals(hash(target, weights.algorithm()))) {
                    return target;
                }
                if (progress != null) {
                    progress.println("A local file was found, but it seems to be incomplete or outdated because the "
                            + weights.algorithm() + " file hash does not match the original value of " + weights.fileHash()
                            + " so we will re-download the data.");
                }
            } else if (Files.exists(target)) {
                throw new KerasJException(target + ": not a regular file; expected Keras's cached weights " + weights.fileName());
            }
            download(weights, target);
            return target;
        } catch (IOException e) {
            throw new KerasJException(target + ": cannot read the cached weights: " + IoMessages.describe(e), e);
        }
    }

    private void download(PretrainedWeights weights, Path target) {
        if (progress != null) {
            progress.println("Downloading data from " + weights.origin());
        }
        try {
            AtomicFiles.write(target, out -> fetch(weights, out));
        } catch (IOException e) {
            throw new KerasJException(weights.origin() + ": " + IoMessages.describe(e) + "; nothing was written to " + target, e);
        }
    }

    private static void fetch(PretrainedWeights weights, OutputStream out) throws IOException {
        URI uri = URI.create(weights.origin());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        }
        MessageDigest digest = digest(weights.algorithm());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("URL fetch failure: HTTP status " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            if (declared > MAX_BYTES) {
                throw new IOException("the server announces " + declared + " bytes, more than the " + MAX_BYTES + " a weights file may have");
            }
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new IOException("more than the " + MAX_BYTES + " bytes a weights file may have");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        String found = HexFormat.of().formatHex(digest.digest());
        if (weights.fileHash() != null && !weights.fileHash().equals(found)) {
            throw new IOException("Incomplete or corrupted file detected. The " + weights.algorithm()
                    + " file hash " + found + " does not match Keras's " + weights.fileHash());
        }
    }

    static String hash(Path file, String algorithm) throws IOException {
        MessageDigest digest = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }
}
