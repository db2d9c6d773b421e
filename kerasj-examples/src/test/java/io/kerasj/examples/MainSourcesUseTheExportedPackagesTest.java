package io.kerasj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples in {@code kerasj-examples/src/main/java} (the course's chapters) compile as a user's project sees the
 * library: on the module path, where only the packages {@code module-info} exports are visible. Maven compiles them
 * on the class path, where the engine would be visible too.
 */
class MainSourcesUseTheExportedPackagesTest {
    private static final Path MAIN = Path.of("kerasj-examples", "src", "main", "java");

    @TempDir
    Path tmp;

    @Test
    void everyExampleCompilesAgainstTheExportedPackagesAlone() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).as("the examples under %s", MAIN.toAbsolutePath()).isNotEmpty();
        UserCompiler.Result result = UserCompiler.compileFiles(tmp, sources);
        assertThat(result.ok()).as("the examples do not compile against the exported packages:%n%s", result.diagnostics()).isTrue();
    }
}
