package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kerasj.KerasJException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's {@code get_file(..., cache_subdir="models", file_hash=...)} for the Applications' weights: KERAS_HOME, a
 * cached file used without a download, a download from a local HTTP server checked against the hash, and a mismatch
 * refused in one line with nothing left behind.
 */
class WeightsCacheTest {
    private static final byte[] CONTENT = "pretend these are weights".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/weights/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CONTENT);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/weights/" + name;
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    @Test
    void kerasHomeDecidesTheFolderAsKerasDoes() {
        Path home = Path.of("/home/u");
        assertThat(WeightsCache.modelsDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.keras/models"));
        assertThat(WeightsCache.modelsDir(Map.of("KERAS_HOME", "/data/keras"), home)).isEqualTo(Path.of("/data/keras/models"));
    }

    @Test
    void aCachedFileMatchingTheHashIsUsedWithoutDownloading() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.write(models.resolve("w.h5"), CONTENT);
        Path got = new WeightsCache(models, null).get(new PretrainedWeights("w.h5", url("w.h5"), md5(CONTENT)));
        assertThat(got).isEqualTo(models.resolve("w.h5").toAbsolutePath());
        assertThat(requests).hasValue(0);
    }

    @Test
    void aMissingFileIsDownloadedAndCheckedAndAStaleOneReplaced() throws Exception {
        Path models = tmp.resolve("models");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT));
        Path got = new WeightsCache(models, null).get(new PretrainedWeights("w.h5", url("w.h5"), sha256));
        assertThat(Files.readAllBytes(got)).isEqualTo(CONTENT);
        Files.writeString(got, "truncated");
        new WeightsCache(models, null).get(new PretrainedWeights("w.h5", url("w.h5"), md5(CONTENT)));
        assertThat(Files.readAllBytes(got)).isEqualTo(CONTENT);
        assertThat(requests).hasValue(2);
    }

    @Test
    void aDownloadNotMatchingKerassHashIsRefusedInOneLineLeavingNoFile() throws Exception {
        Path models = tmp.resolve("models");
        String wrong = md5("other bytes".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new WeightsCache(models, null).get(new PretrainedWeights("w.h5", url("w.h5"), wrong)))
                .isInstanceOf(KerasJException.class)
                .hasMessageContaining("Incomplete or corrupted file detected. The MD5 file hash " + md5(CONTENT)
                        + " does not match Keras's " + wrong)
                .hasMessageContaining("nothing was written to")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        try (Stream<Path> left = Files.list(models)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anUnreachableServerIsReportedInOneLine() {
        Path models = tmp.resolve("models");
        server.stop(0);
        assertThatThrownBy(() -> new WeightsCache(models, null).get(new PretrainedWeights("w.h5", url("w.h5"), null)))
                .isInstanceOf(KerasJException.class).hasMessageContaining("nothing was written to");
        assertThat(models.resolve("w.h5")).doesNotExist();
    }
}
