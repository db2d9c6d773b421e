package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kerasj inspect}: output and exit codes. */
class InspectCommandTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new InspectCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void inspectsAReferenceModel() {
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("shared/reference-models/keras212-mlp-300-100");
        Assumptions.assumeTrue(Files.isDirectory(dir), "reference model not found in " + dir.getParent()
                + " (../shared/reference-models/ beside the project)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, dir.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("signature_def['serving_default']:", "serving_default output: probabilities");
    }

    @Test
    void notASavedModelExitsWithOneAndOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, tmp.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("kerasj: error: " + tmp + " is not a SavedModel").hasLineCount(1);
    }
}
