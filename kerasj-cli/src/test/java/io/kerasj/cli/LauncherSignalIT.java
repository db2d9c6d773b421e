package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/kerasj} stopped as systemd or Docker stop it, with SIGTERM to the launcher's pid: the JVM gets the
 * signal (the launcher execs it), so no JVM outlives it; {@code serve} still exits 0, another command with the JVM's
 * own status. Runs in {@code verify} (failsafe), on the jar {@code package} built; skipped, saying so, when that jar is missing or older
 * than the sources (the launcher would build it first).
 */
@Tag("slow")
class LauncherSignalIT {
    private static final Path LAUNCHER = Path.of("tools/kerasj");
    private static final Path JAR = Path.of("kerasj-cli/target/kerasj.jar");

    @TempDir
    Path tmp;

    @Test
    void sigtermToTheLauncherStopsServeWithExitZeroAndLeavesNoJvm() throws Exception {
        assumeFreshJar();
        Process launcher = start("serve", "--model", "saved_models/fashion_mnist_mlp", "--port", "0");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line = waitFor(out, "kerasj serve: model");
            assertThat(line).contains("http://127.0.0.1:");
            assertThat(launcher.toHandle().info().command().orElse("")).as("the launcher's pid is the JVM").endsWith("java");
            kill("TERM", launcher.pid());
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s of SIGTERM").isTrue();
            assertThat(launcher.exitValue()).isZero();
            assertThat(launcher.toHandle().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void sigtermToTheLauncherStopsTheNotebooksJvmToo() throws Exception {
        assumeFreshJar();
        Process launcher = start("notebook", "--epochs", "200", "--out", tmp.resolve("run").toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            waitFor(out, "Epoch");
            long pid = launcher.pid();
            kill("TERM", pid);
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s of SIGTERM").isTrue();
            assertThat(launcher.exitValue()).as("the JVM's own status for SIGTERM").isEqualTo(143);
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        } finally {
            launcher.destroyForcibly();
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        return builder.start();
    }

    private static String waitFor(BufferedReader out, String text) throws IOException {
        StringBuilder log = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            log.append(line).append('\n');
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("'" + text + "' never came; the output:\n" + log);
    }

    private static void kill(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
    }

    private static void assumeFreshJar() throws IOException {
        assumeThat(Files.isRegularFile(JAR) && Files.isDirectory(JAR.resolveSibling("lib")))
                .as("kerasj-cli/target/kerasj.jar is built (mvn package)").isTrue();
        FileTime built = Files.getLastModifiedTime(JAR);
        try (Stream<Path> modules = Files.list(Path.of("."))) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("kerasj-")).toList()) {
                Path main = module.resolve("src/main");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> sources = Files.walk(main)) {
                        assumeThat(sources.noneMatch(p -> newer(p, built))).as("the jar is newer than " + main).isTrue();
                    }
                }
            }
        }
    }

    private static boolean newer(Path p, FileTime than) {
        try {
            return Files.getLastModifiedTime(p).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
