package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.FashionMnistData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void exportsRefusesToOverwriteAndReplacesWhenAsked() throws Exception {
        String data = FashionMnistData.dir().toString();
        Path dir = tmp.resolve("fashion_mnist_mlp");
        KerasJTest.Run first = KerasJTest.run("export", dir.toString(), "--epochs", "1", "--data-dir", data);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(dir.resolve("saved_model.pb")).exists();
        double accuracy = new ObjectMapper().readTree(tmp.resolve("fashion_mnist_mlp.json").toFile()).at("/evaluate/accuracy").asDouble();
        assertThat(accuracy).isGreaterThan(0.8);

        KerasJTest.Run refused = KerasJTest.run("export", dir.toString(), "--epochs", "0", "--data-dir", data);
        assertThat(refused.exitCode()).as("a refused target is a usage error").isEqualTo(2);
        assertThat(refused.err()).startsWith("kerasj: error: ").contains("already exists").contains("--overwrite");
        assertThat(refused.err().strip().lines()).hasSize(1);

        KerasJTest.Run replaced = KerasJTest.run("export", dir.toString(), "--epochs", "0", "--overwrite", "--data-dir", data);
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
        String data = FashionMnistData.dir().toString();
        KerasJTest.Run run = KerasJTest.run("export", file.toString(), "--epochs", "0", "--data-dir", data);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(file).isRegularFile();
        try (var model = io.kerasj.saving.keras.KerasFiles.load(file, 1, w -> { })) {
            assertThat(model.countParams()).isEqualTo(266_610);
            assertThat(model.compileConfig()).isNotNull();
        }
        KerasJTest.Run refused = KerasJTest.run("export", file.toString(), "--epochs", "0", "--data-dir", data);
        assertThat(refused.exitCode()).as("a refused target is a usage error").isEqualTo(2);
        assertThat(refused.err()).contains("already exists");
    }

    @Test
    void overwriteNeverReplacesAKerasFileKerasJDidNotWrite() throws Exception {
        Path file = Files.writeString(tmp.resolve("theirs.keras"), "someone else's model");
        KerasJTest.Run refused = KerasJTest.run("export", file.toString(), "--epochs", "0", "--overwrite",
                "--data-dir", FashionMnistData.dir().toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip().lines()).hasSize(1);
        assertThat(refused.err()).contains("is not a KerasJ output");
        assertThat(Files.readString(file)).isEqualTo("someone else's model");
        assertThat(tmp.resolve("theirs.keras.json")).doesNotExist();
    }
}
