package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.FashionMnistData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KerasJTest {

    @TempDir
    Path tmp;

    /** The exit code, standard output and standard error of one run. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KerasJ.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesKerasJTensorFlowJavaAndTheNativeRuntime() {
        Run run = run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("KerasJ ").contains("TensorFlow Java 1.1.0").contains("2.18.0")
                .contains("Java 17");
    }

    @Test
    void dataPrintsTheNotebooksThreeShapes() {
        Run run = run("data", "--data-dir", FashionMnistData.dir().toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(String.format("(5000, 28, 28) (5000,)%n(55000, 28, 28) (55000,)%n(10000, 28, 28) (10000,)%n"));
    }

    @Test
    void aBadDataDirIsOneLineOnStderrWithoutStackTrace() {
        Path missing = tmp.resolve("missing");
        Run run = run("data", "--data-dir", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("kerasj: error: ").contains(missing.toString())
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void debugAddsTheStackTraceBeforeOrAfterTheSubcommand() {
        Path missing = tmp.resolve("missing");
        assertThat(run("data", "--debug", "--data-dir", missing.toString()).err()).contains("\tat io.kerasj.datasets.FashionMnist");
        assertThat(run("--debug", "data", "--data-dir", missing.toString()).err()).contains("\tat io.kerasj.datasets.FashionMnist");
    }

    @Test
    void usageErrorsExitWith2AndOneLine() {
        Run run = run("data", "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("kerasj: error: Unknown option: '--bogus'");
        assertThat(run.err().strip().lines()).hasSize(1);
        Run none = run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip().lines()).hasSize(1);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String name : KerasJ.newCommandLine().getSubcommands().keySet()) {
            Run run = run(name, "--help");
            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out()).as(name).startsWith("Usage: kerasj " + name);
        }
        assertThat(run("--help").out()).contains("data").contains("show-images");
    }

    @Test
    void showImagesWritesBothFilesAndSaysWhere() throws Exception {
        Path out = tmp.resolve("images");
        Run run = run("show-images", "--data-dir", FashionMnistData.dir().toString(), "--out", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(Files.size(out.resolve("single_image.png"))).isPositive();
        assertThat(Files.size(out.resolve("grid_images.png"))).isPositive();
        assertThat(run.out()).contains(out.resolve("single_image.png").toAbsolutePath().toString())
                .contains(out.resolve("grid_images.png").toAbsolutePath().toString());
    }
}
