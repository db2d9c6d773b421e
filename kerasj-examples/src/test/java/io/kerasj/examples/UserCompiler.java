package io.kerasj.examples;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a user's source file as a user's project sees the library: {@code kerasj-core} and its dependencies on
 * the module path, the user's code in the unnamed module, so only the packages {@code module-info} exports are
 * visible to it.
 */
final class UserCompiler {
    private UserCompiler() {
    }

    /** What javac said, and whether it compiled. */
    record Result(boolean ok, String diagnostics, Path classes) {
    }

    /**
     * @param dir a new folder for the sources and classes
     * @param className the public class
     * @param source its source
     * @return the outcome
     * @throws IOException when the files cannot be written
     */
    static Result compile(Path dir, String className, String source) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path file = Files.writeString(sources.resolve(className + ".java"), source);
        return compileFiles(dir, List.of(file));
    }

    /**
     * @param dir a new folder for the classes
     * @param files the user's source files, compiled together
     * @return the outcome
     * @throws IOException when the folder cannot be made
     */
    static Result compileFiles(Path dir, List<Path> files) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                // -cp too: javac in-process would otherwise take this JVM's class path, where every package is visible
                List.of("-d", classes.toString(), "-cp", classes.toString(), "--module-path", libraryPath(),
                        "--add-modules", "io.kerasj.core"),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(files.stream().map(Path::toFile).toArray(File[]::new)))
                .call();
        return new Result(ok, diagnostics.toString(), classes);
    }

    /** @return this test's class path without the test tools and test fixtures: what a user's project declares */
    static String libraryPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar")
                        && !entry.contains("junit") && !entry.contains("assertj") && !entry.contains("opentest4j")
                        && !entry.contains("apiguardian") && !entry.contains("byte-buddy")
                        && !entry.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
