package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.cli.InspectCommand;
import io.kerasj.cli.KerasJ;
import io.kerasj.serving.SavedModelServable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's attack on the command line: a signature that reads a file through {@code DatasetFromGraph}. inspect
 * does not call it safe; predict and serve refuse it with one line naming the op type, before it runs.
 */
class AttackModelCommandsTest {
    @TempDir
    Path tmp;

    private Path model;
    private Path csv;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void attackModel() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "hunter2!");
        model = AttackModels.readsThroughDatasetFromGraph(tmp.resolve("model"), secret, 8);
        csv = Files.writeString(tmp.resolve("x.csv"), "1,2,3,4\n");
    }

    private int kerasj(String... args) {
        return KerasJ.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void inspectDoesNotCallItSafe() {
        assertThat(kerasj("inspect", model.toString())).isEqualTo(InspectCommand.EXIT_UNSAFE);
        assertThat(out.toString()).doesNotContain("safe: ").contains("UNSAFE: ", "DatasetFromGraph (in graph)");
        assertThat(err.toString()).contains("DatasetFromGraph", "--allow-unsafe-ops");
    }

    @Test
    void predictRefusesItWithOneLineNamingTheOp() {
        assertThat(kerasj("predict", "--model", model.toString(), "--input", csv.toString(), "--scale", "1")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("kerasj: error: " + model)
                .contains("DatasetFromGraph (in graph)", "--allow-unsafe-ops")
                .doesNotContain("allowUnsafeOps");
    }

    @Test
    void serveRefusesItWithOneLineNamingTheOp() {
        assertThatThrownBy(() -> SavedModelServable.load(model, LoadOptions.defaults()))
                .isInstanceOf(UnsafeOpsException.class).hasMessageContaining("DatasetFromGraph (in graph)");
        assertThat(kerasj("serve", "--model", model.toString(), "--port", "0")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().contains("DatasetFromGraph (in graph)", "--allow-unsafe-ops");
    }

    @Test
    void predictWithAllowUnsafeOpsRunsIt() {
        assertThat(kerasj("predict", "--model", model.toString(), "--input", csv.toString(), "--scale", "1",
                "--allow-unsafe-ops", "--json")).as(err.toString()).isEqualTo(0);
    }
}
