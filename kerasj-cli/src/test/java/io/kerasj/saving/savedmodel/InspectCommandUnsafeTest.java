package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.cli.InspectCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kerasj inspect} on a model that reads a file: described, refused with exit code 2 unless allowed. */
class InspectCommandUnsafeTest {
    @TempDir
    Path tmp;

    @Test
    void unsafeModelIsDescribedThenRefusedUnlessAllowed() throws Exception {
        Path dir = TinyModels.readsFile(tmp.resolve("m"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new InspectCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(dir.toString())).isEqualTo(InspectCommand.EXIT_UNSAFE);
        assertThat(out.toString()).contains("UNSAFE: ", "ReadFile (in graph)");
        assertThat(err.toString()).contains("refused", "ReadFile", "--allow-unsafe-ops");

        StringWriter out2 = new StringWriter();
        CommandLine cl2 = new CommandLine(new InspectCommand());
        cl2.setOut(new PrintWriter(out2));
        cl2.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl2.execute("--allow-unsafe-ops", dir.toString())).isEqualTo(0);
        assertThat(out2.toString()).contains("(unsafe ops allowed)", "not probabilities");
    }
}
