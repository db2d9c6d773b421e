package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code kerasj bench --python} looks for the script and the venv, checked before any work. */
class PythonBenchTest {

    @Test
    void noCheckoutIsOneClearError() {
        assertThatThrownBy(() -> PythonBench.locate(null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(PythonBench.SCRIPT);
    }

    @Test
    void aMissingVenvNamesItsFolderAndTheSetupScript(@TempDir Path root) {
        assertThatThrownBy(() -> PythonBench.locate(root, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(root.resolve(".venv").toString()).hasMessageContaining("setup_venv.sh");
        assertThatThrownBy(() -> PythonBench.locate(root, root.resolve("elsewhere").toString()))
                .hasMessageContaining(root.resolve("elsewhere").toString());
    }

    @Test
    void kerasjVenvWinsOverTheCheckoutsVenv(@TempDir Path root) throws Exception {
        Path python = Files.createDirectories(root.resolve("v/bin")).resolve("python");
        Files.createFile(python).toFile().setExecutable(true);
        assertThat(PythonBench.locate(root, root.resolve("v").toString()).python).isEqualTo(python);
    }
}
