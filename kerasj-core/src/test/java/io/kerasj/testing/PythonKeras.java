package io.kerasj.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The live Python side of the parity tests: the venv with TensorFlow and Keras 3 that
 * {@code python-reference/setup_venv.sh} creates. Its location is the system property {@code kerasj.venv}, else the
 * environment variable {@code KERASJ_VENV}, else {@code .venv} at the repository root. Tests that need it call
 * {@link #require()}, which skips them with a printed reason where the venv is missing.
 */
public final class PythonKeras {

    private static final Path REPO = findRepoRoot();
    private static volatile Boolean available;

    private PythonKeras() {
    }

    /** The repository root: the folder holding {@code python-reference/}. */
    public static Path repoRoot() {
        return REPO;
    }

    /** The venv folder, whether or not it exists. */
    public static Path venv() {
        String p = System.getProperty("kerasj.venv");
        if (p == null || p.isBlank()) {
            p = System.getenv("KERASJ_VENV");
        }
        return p == null || p.isBlank() ? REPO.resolve(".venv") : Path.of(p).toAbsolutePath();
    }

    /** The venv's python executable. */
    public static Path python() {
        return venv().resolve("bin/python");
    }

    /** The script {@code python-reference/NAME}. */
    public static Path script(String name) {
        return REPO.resolve("python-reference").resolve(name);
    }

    /** Skips the calling test, with the reason printed, unless the venv imports TensorFlow and Keras. */
    public static void require() {
        Assumptions.assumeTrue(isAvailable(), "no Python TensorFlow/Keras venv at " + venv()
                + ": run python-reference/setup_venv.sh (or set KERASJ_VENV)");
    }

    /** True when the venv imports TensorFlow and Keras. */
    public static boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            a = Files.isExecutable(python()) && importsTensorFlowAndKeras();
            available = a;
        }
        return a;
    }

    /**
     * Runs {@code python-reference/SCRIPT ARGS...} in the venv and returns its standard output. Without {@code env}
     * the script runs in a fork of the JVM's {@link PythonZygote} (TensorFlow and Keras imported once per JVM), else
     * as a process of its own with these variables added.
     *
     * @throws AssertionError when it exits non-zero or takes longer than {@code timeoutSeconds}; the message holds
     *     its output
     */
    public static String run(long timeoutSeconds, Map<String, String> env, String script, String... args) {
        // the fork server has the JVM's environment: a script that needs another one runs as a process of its own
        PythonZygote zygote = env.isEmpty() ? PythonZygote.get(python(), REPO) : null;
        if (zygote != null) {
            try {
                Path out = Files.createTempFile("kerasj-python-", ".out");
                Path log = Files.createTempFile("kerasj-python-", ".log");
                try {
                    int exit = zygote.run(timeoutSeconds, script(script), List.of(args), REPO, out, log);
                    String stdout = Files.readString(out);
                    if (exit != 0) {
                        throw new AssertionError(script + " exited " + exit + "\n" + stdout + "\n" + Files.readString(log));
                    }
                    return stdout;
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(log);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError(script + " took longer than " + timeoutSeconds + " s");
            } catch (IOException e) {
                System.out.println(script + ": " + e.getMessage() + "; running it as a process of its own");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted running " + script, e);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(python().toString());
        command.add(script(script).toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("kerasj-python-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(log.toFile()).directory(REPO.toFile());
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
            pb.environment().putAll(env);
            Process process = pb.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " took longer than " + timeoutSeconds + " s");
            }
            String stdout = new String(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(log);
            Files.deleteIfExists(log);
            if (process.exitValue() != 0) {
                throw new AssertionError(script + " exited " + process.exitValue() + "\n" + stdout + "\n" + stderr);
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + script, e);
        }
    }

    /**
     * Whether the venv's python imports TensorFlow and Keras: asked once per Maven run ({@link OncePerRun}), as the
     * import takes some 5 s of CPU and a run has a dozen test JVMs.
     */
    private static boolean importsTensorFlowAndKeras() {
        try {
            OncePerRun.make(REPO.resolve("target").resolve("python-venv-checked"), dir -> {
                if (!quietlySucceeds(python().toString(), "-c", "import tensorflow, keras")) {
                    throw new IOException(python() + " does not import tensorflow and keras");
                }
                Files.createDirectories(dir);
            });
            return true;
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static boolean quietlySucceeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path findRepoRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("python-reference"))) {
                return q;
            }
        }
        return p;
    }
}
