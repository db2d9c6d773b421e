package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    private static final String DATA = FashionMnist.SYSTEM_DIR.toString();

    @TempDir
    Path tmp;

    @Test
    void exportsRefusesToOverwriteAndReplacesWhenAsked() throws Exception {
        Path dir = tmp.resolve("fashion_mnist_mlp");
        KerasJTest.Run first = KerasJTest.run("export", dir.toString(), "--epochs", "1", "--data-dir", DATA);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(dir.resolve("saved_model.pb")).exists();
        double accuracy = new ObjectMapper().readTree(tmp.resolve("fashion_mnist_mlp.json").toFile()).at("/evaluate/accuracy").asDouble();
        assertThat(accuracy).isGreaterThan(0.8);

        KerasJTest.Run refused = KerasJTest.run("export", dir.toString(), "--epochs", "0", "--data-dir", DATA);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("kerasj: error: ").contains("already exists").contains("--overwrite");
        assertThat(refused.err().strip().lines()).hasSize(1);

        KerasJTest.Run replaced = KerasJTest.run("export", dir.toString(), "--epochs", "0", "--overwrite", "--data-dir", DATA);
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        double untrained = new ObjectMapper().readTree(tmp.resolve("fashion_mnist_mlp.json").toFile()).at("/evaluate/accuracy").asDouble();
        assertThat(untrained).isLessThan(0.5);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fashion_mnist_mlp", "fashion_mnist_mlp.json");
        }
    }

    @Test
    void aKerasSuffixWritesKeras3sFormatThatLoadsBack() throws Exception {
        Path file = tmp.resolve("m.keras");
        KerasJTest.Run run = KerasJTest.run("export", file.toString(), "--epochs", "0", "--data-dir", DATA);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(file).isRegularFile();
        try (var model = io.kerasj.saving.KerasFiles.load(file, 1, w -> { })) {
            assertThat(model.countParams()).isEqualTo(266_610);
            assertThat(model.compileConfig()).isNotNull();
        }
        KerasJTest.Run refused = KerasJTest.run("export", file.toString(), "--epochs", "0", "--data-dir", DATA);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("already exists");
    }
}
