package io.kerasj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python side of {@code kerasj bench --python}: runs {@code python-reference/bench_python.py} in the venv
 * that {@code python-reference/setup_venv.sh} creates ({@code $KERASJ_VENV}, else {@code .venv} at the checkout's
 * root) and reads the one JSON line it prints.
 */
final class PythonBench {
    static final String SCRIPT = "python-reference/bench_python.py";
    static final String STREAM_SCRIPT = "python-reference/bench_stream.py";

    final Path python;
    private final Path script;

    private PythonBench(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * Finds the checkout (the folder holding {@value #SCRIPT}, from the working directory or the jar up) and the
     * venv's python, before any work.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    static PythonBench locate() {
        return locate(checkoutRoot(), System.getenv("KERASJ_VENV"));
    }

    /**
     * @param root the checkout, or null where none was found
     * @param env the value of {@code KERASJ_VENV}, or null
     */
    static PythonBench locate(Path root, String env) {
        if (root == null) {
            throw new IllegalArgumentException("--python: expected " + SCRIPT + " in the working directory or above it, found none");
        }
        Path venv = env == null || env.isBlank() ? root.resolve(".venv") : Path.of(env).toAbsolutePath();
        Path python = venv.resolve("bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalArgumentException("--python: expected a Python venv with TensorFlow at " + venv
                    + ", found none: run python-reference/setup_venv.sh (or set KERASJ_VENV)");
        }
        return new PythonBench(python, root.resolve(SCRIPT));
    }

    /**
     * @param epochs measured fit epochs
     * @param repeats measured predict runs
     * @param dataDir the IDX folder, or null for the script's default
     * @return the script's JSON: fit_s_per_epoch, predict_s, tensorflow, keras, ...
     */
    JsonNode run(int epochs, int repeats, Path dataDir) throws IOException {
        return run("mlp", null, epochs, repeats, dataDir);
    }

    /**
     * @param model the series model ({@code series_models.py}'s name)
     * @param trainSize the number of training images, or null for all
     * @param epochs measured fit epochs
     * @param repeats measured predict runs
     * @param dataDir the IDX folder, or null for the script's default
     * @return the script's JSON
     */
    JsonNode run(String model, Integer trainSize, int epochs, int repeats, Path dataDir) throws IOException {
        return run(model, trainSize, epochs, repeats, dataDir, false);
    }

    /**
     * @param model the series model ({@code series_models.py}'s name)
     * @param trainSize the number of training images, or null for all
     * @param rounds measured passes of {@code train_on_batch} over the training set
     * @param dataDir the IDX folder, or null for the script's default
     * @return the script's JSON: train_on_batch_ms_per_call, tensorflow, keras, ...
     */
    JsonNode runTrainOnBatch(String model, Integer trainSize, int rounds, Path dataDir) throws IOException {
        return run(model, trainSize, rounds, 1, dataDir, true);
    }

    private JsonNode run(String model, Integer trainSize, int epochs, int repeats, Path dataDir, boolean trainOnBatch) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                "--epochs", String.valueOf(epochs), "--repeats", String.valueOf(repeats), "--model", model));
        if (trainOnBatch) {
            command.add("--train-on-batch");
        }
        if (trainSize != null) {
            command.add("--train-size");
            command.add(String.valueOf(trainSize));
        }
        if (dataDir != null) {
            command.add("--data");
            command.add(dataDir.toAbsolutePath().toString());
        }
        return runCommand(command, SCRIPT);
    }

    /** @return the script of that name beside {@value #SCRIPT} */
    Path scriptSibling(String name) {
        return script.resolveSibling(name);
    }

    /**
     * {@code python-reference/bench_stream.py}: Keras's fit fed by {@code tf.data} from TFRecord files.
     *
     * @param model the series model
     * @param records the folder of {@code *.tfrecord} files
     * @param epochs measured epochs after one warm-up
     * @return the script's JSON: fit_s_per_epoch, peak_rss_bytes, tensorflow, keras, ...
     */
    JsonNode runStream(String model, Path records, int epochs) throws IOException {
        Path streamScript = script.resolveSibling("bench_stream.py");
        return runCommand(new ArrayList<>(List.of(python.toString(), streamScript.toString(), "--records",
                records.toAbsolutePath().toString(), "--model", model, "--epochs", String.valueOf(epochs))), STREAM_SCRIPT);
    }

    private static JsonNode runCommand(List<String> command, String scriptName) throws IOException {
        Path log = Files.createTempFile("kerasj-bench-python-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
            pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
            Process process = pb.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
                process.destroyForcibly();
                List<String> err = Files.readAllLines(log);
                throw new IllegalStateException(scriptName + " failed (exit " + process.exitValue() + "): "
                        + (err.isEmpty() ? "no output" : err.get(err.size() - 1)));
            }
            String last = out.strip().lines().reduce((a, b) -> b).orElse("");
            return new ObjectMapper().readTree(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + scriptName, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path checkoutRoot() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(PythonBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (Exception e) {
            // no code source (unusual class loader): the working directory alone is searched
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(SCRIPT))) {
                    return p;
                }
            }
        }
        return null;
    }
}
