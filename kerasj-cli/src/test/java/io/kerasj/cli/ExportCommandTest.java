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
}
