package io.kerasj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that declares only {@code kerasj-core}, with no SLF4J provider and no logging set up, saves a compiled
 * model as {@code .keras} and loads it back in a fresh JVM, the first {@code .keras} load of that JVM: the library
 * prints nothing (no SLF4J notice from jHDF, no warning, since the loss, metrics and optimizer all come back).
 */
class KerasFileLoadIsSilentTest {
    private static final String PROGRAM = """
            import io.kerasj.layers.Dense;
            import io.kerasj.layers.Flatten;
            import io.kerasj.models.Sequential;
            import io.kerasj.saving.keras.KerasFiles;
            import java.nio.file.Path;

            public class SaveAndLoad {
                public static void main(String[] args) {
                    Path file = Path.of(args[0]);
                    try (var model = new Sequential(1)) {
                        model.add(new Flatten(4));
                        model.add(new Dense(3, "softmax"));
                        model.compile("mse", "rmsprop", "mae", "mean_squared_error", "accuracy");
                        model.save(file);
                    }
                    try (var loaded = KerasFiles.load(file)) {
                        if (loaded.compileConfig() == null) {
                            System.exit(3);
                        }
                    }
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aFreshJvmSavesAndLoadsAKerasFileWithNothingOnStandardOutputOrError() throws Exception {
        Path classes = compile();
        Path err = tmp.resolve("stderr.txt");
        Path out = tmp.resolve("stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), "SaveAndLoad",
                tmp.resolve("m.keras").toString()).redirectError(err.toFile()).redirectOutput(out.toFile());
        pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the program did not finish in 120 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theClasspathHasNoSlf4jProviderSoTheSilenceIsKerasJs() {
        assertThat(System.getProperty("java.class.path")).contains("slf4j-api-2").doesNotContain("slf4j-nop")
                .doesNotContain("slf4j-simple").doesNotContain("logback").doesNotContain("slf4j-api-1.");
    }

    private Path compile() throws Exception {
        UserCompiler.Result result = UserCompiler.compile(tmp, "SaveAndLoad", PROGRAM);
        assertThat(result.ok()).as("the program does not compile:%n%s", result.diagnostics()).isTrue();
        return result.classes();
    }
}
