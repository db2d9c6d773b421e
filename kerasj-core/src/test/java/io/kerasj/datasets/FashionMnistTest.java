package io.kerasj.datasets;

import io.kerasj.data.DatasetException;
import io.kerasj.data.TestIdx;
import io.kerasj.data.TrainTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path tmp;

    @Test
    void classNamesAreTheNotebooks() {
        assertThat(FashionMnist.CLASS_NAMES).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(FashionMnist.className(9)).isEqualTo("Ankle boot");
    }

    @Test
    void explicitBeatsCacheBeatsSystem() throws Exception {
        Path explicit = TestIdx.placeholderDir(tmp.resolve("explicit"));
        Path cache = TestIdx.placeholderDir(tmp.resolve("cache"));
        Path system = TestIdx.placeholderDir(tmp.resolve("system"));
        assertThat(new FashionMnist(explicit, cache, List.of(system), null).locate()).isEqualTo(explicit);
        assertThat(new FashionMnist(null, cache, List.of(system), null).locate()).isEqualTo(cache);
        Files.delete(cache.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(new FashionMnist(null, cache, List.of(system), null).locate()).isEqualTo(system);
    }

    @Test
    void environmentVariableIsExplicitButTheOptionWins() throws Exception {
        Path fromEnv = TestIdx.placeholderDir(tmp.resolve("env"));
        Path option = TestIdx.placeholderDir(tmp.resolve("option"));
        Map<String, String> env = Map.of(FashionMnist.ENV_VAR, fromEnv.toString());
        assertThat(FashionMnist.withDefaults(null, env, tmp, null).locate()).isEqualTo(fromEnv);
        assertThat(FashionMnist.withDefaults(option, env, tmp, null).locate()).isEqualTo(option);
    }

    @Test
    void explicitDirWithAMissingFileIsAnErrorNamingIt() throws Exception {
        Path explicit = TestIdx.placeholderDir(tmp.resolve("explicit"));
        Path cache = TestIdx.placeholderDir(tmp.resolve("cache"));
        Files.delete(explicit.resolve("train-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> new FashionMnist(explicit, cache, List.of(), null).locate())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(explicit.resolve("train-labels-idx1-ubyte.gz").toString());
    }

    @Test
    void explicitDirThatDoesNotExistIsAnError() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> new FashionMnist(missing, tmp, List.of(tmp.resolve("system")), null).loadData())
                .isInstanceOf(DatasetException.class).hasMessageContaining(missing.toString()).hasMessageContaining("found nothing");
    }

    @Test
    void explicitBrokenDirIsAnErrorNotAFallback() throws Exception {
        Path explicit = TestIdx.placeholderDir(tmp.resolve("explicit"));
        Path broken = explicit.resolve("train-labels-idx1-ubyte.gz"); // the first file loaded
        byte[] gz = Files.readAllBytes(TestIdx.dir().resolve("train-labels-idx1-ubyte.gz"));
        Files.write(broken, java.util.Arrays.copyOf(gz, gz.length - 100));
        assertThatThrownBy(() -> new FashionMnist(explicit, TestIdx.dir(), List.of(TestIdx.dir()), null).loadData())
                .isInstanceOf(DatasetException.class).hasMessageContaining(broken.toString()).hasMessageContaining("truncated");
    }

    @Test
    void checksumMismatchNamesTheFile() throws Exception {
        Path dir = TestIdx.placeholderDir(tmp.resolve("dir"));
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz"); // the first file loaded
        // checksums are checked once both files of the pair parse: give it the real images
        Files.copy(TestIdx.dir().resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-images-idx3-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int[] fake = TestIdx.real().train().labels();
        fake[0] = 0;
        TestIdx.writeGz(labels, TestIdx.labelsContent(fake));
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("expected " + FashionMnist.IdxFile.TRAIN_LABELS.contentSha256());
    }

    @Test
    void aCorruptCacheCopyIsPassedOverForAGoodSystemCopyWithAOneLineWarning() throws Exception {
        Path cache = tmp.resolve("home/.keras/datasets/fashion-mnist");
        Path corrupt = corruptCopy(cache);
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        FashionMnist data = new FashionMnist(null, cache, List.of(TestIdx.dir()), null,
                new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        TrainTest loaded = data.loadData();
        assertThat(loaded.train().count()).isEqualTo(60_000);
        assertThat(loaded.test().labels()).startsWith(9, 2, 1);
        String warning = warnings.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(warning.strip().lines()).hasSize(1);
        assertThat(warning).startsWith("warning: " + corrupt).contains("SHA-256")
                .contains("using the copy in " + TestIdx.dir()).contains("Delete " + corrupt);
        assertThat(corrupt).exists(); // never deleted by KerasJ
    }

    @Test
    void aCorruptCacheCopyWithoutAGoodCopyElsewhereSaysWhatToDo() throws Exception {
        Path cache = tmp.resolve("home/.keras/datasets/fashion-mnist");
        Path corrupt = corruptCopy(cache);
        FashionMnist data = new FashionMnist(null, cache, List.of(tmp.resolve("no-system-copy")), null);
        assertThatThrownBy(data::loadData).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(corrupt.toString()).hasMessageContaining("SHA-256")
                .hasMessageContaining("delete " + corrupt + " so that it is downloaded again")
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(corrupt).exists();
    }

    /** A full copy of the real files in {@code dir} whose training labels are valid IDX but not the real content. */
    private static Path corruptCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FashionMnist.IdxFile f : FashionMnist.IdxFile.values()) {
            Files.copy(TestIdx.dir().resolve(f.fileName()), dir.resolve(f.fileName()));
        }
        int[] labels = TestIdx.real().train().labels();
        labels[0] = (labels[0] + 1) % 10;
        return TestIdx.writeGz(dir.resolve(FashionMnist.IdxFile.TRAIN_LABELS.fileName()), TestIdx.labelsContent(labels));
    }

    @Test
    void downloadFailureSaysWhereItLookedAndHowToFixIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path cache = tmp.resolve("home/.keras/datasets/fashion-mnist");
        Path system = tmp.resolve("usr-share");
        String mirror = "http://127.0.0.1:" + port + "/";
        FashionMnist data = new FashionMnist(null, cache, List.of(system), new HttpDownloader(mirror, null));
        assertThatThrownBy(data::locate).isInstanceOf(DatasetException.class)
                .hasMessageContaining(cache.toString()).hasMessageContaining(system.toString())
                .hasMessageContaining(mirror).hasMessageContaining("apt-get install -y dataset-fashion-mnist")
                .hasMessageContaining("--data-dir")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void downloadFillsTheCacheAfterVerifyingEachFile() throws Exception {
        HttpServer server = serve(TestIdx.dir(), null);
        try {
            Path cache = tmp.resolve("cache");
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
            FashionMnist data = new FashionMnist(null, cache, List.of(tmp.resolve("none")),
                    new HttpDownloader(mirror, new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(data.locate()).isEqualTo(cache);
            assertThat(progress.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Downloading data from " + mirror + "train-images-idx3-ubyte.gz")
                    .contains("[==============================]");
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void downloadWithAWrongChecksumLeavesNothingBehind() throws Exception {
        HttpServer server = serve(TestIdx.dir(), "t10k-labels-idx1-ubyte.gz");
        try {
            Path cache = tmp.resolve("cache");
            TestIdx.placeholderDir(cache);
            Files.delete(cache.resolve("t10k-labels-idx1-ubyte.gz")); // the only file to download
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            FashionMnist data = new FashionMnist(null, cache, List.of(), new HttpDownloader(mirror, null));
            assertThatThrownBy(data::locate).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("t10k-labels-idx1-ubyte.gz").hasMessageContaining("SHA-256");
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("t10k-labels-idx1-ubyte.gz")
                        .noneMatch(n -> n.endsWith(".part"));
            }
        } finally {
            server.stop(0);
        }
    }

    /** Serves the files of {@code dir}; {@code corrupt} (if not null) is served as a valid gzip of other content. */
    private static HttpServer serve(Path dir, String corrupt) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = name.equals(corrupt) ? TestIdx.gzip(TestIdx.labelsContent(1, 2, 3))
                    : Files.readAllBytes(dir.resolve(name));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
