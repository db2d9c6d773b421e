package io.kerasj.parity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class's {@code main} in a child JVM with extra environment variables: the way to set what the
 * native runtime reads once, at load ({@code TF_ENABLE_ONEDNN_OPTS}), for one run only.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Runs {@code main.main(args)} with this JVM's class path; fails the test with its output on a non-zero exit. */
    static void run(long timeoutSeconds, Map<String, String> env, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("kerasj-child-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(main.getSimpleName() + " took longer than " + timeoutSeconds + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (process.exitValue() != 0) {
                throw new AssertionError(main.getSimpleName() + " exited " + process.exitValue() + " with " + env + "\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + main.getSimpleName(), e);
        }
    }
}
