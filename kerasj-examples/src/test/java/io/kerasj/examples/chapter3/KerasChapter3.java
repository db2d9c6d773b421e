package io.kerasj.examples.chapter3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.CaliforniaHousingData;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Keras 3's side of the chapter's parity tests: {@code python-reference/chapter3_first_epoch.py} runs the three
 * examples for seeds 1, 2 and 3 once per JVM, in the background from the first {@link #start()} (so it overlaps the
 * Java training), into {@code target/python-reference/chapter3-first-epoch.json}.
 * {@code -Dkerasj.python.reuse=true} reads that file where an earlier run left it (never in CI).
 */
final class KerasChapter3 {
    /** The seeds of both sides. */
    static final long[] SEEDS = {1, 2, 3};
    private static final long TIMEOUT_SECONDS = 600;
    private static final Path JSON = PythonKeras.repoRoot().resolve("target/python-reference/chapter3-first-epoch.json");
    private static CompletableFuture<JsonNode> run;

    private KerasChapter3() {
    }

    /**
     * Starts the Python run unless it is under way; skips the calling test, saying why, without the venv or the data.
     *
     * @return the shared California-housing folder
     */
    static synchronized Path start() {
        Path data = CaliforniaHousingData.dir();
        PythonKeras.require();
        if (run == null) {
            run = CompletableFuture.supplyAsync(() -> runPython(data));
        }
        return data;
    }

    /**
     * @param example {@code custom-loss}, {@code custom-layer} or {@code gradient-tape}
     * @return Keras's results of that example: per seed {@code loss}, {@code val_loss}, ...
     */
    static JsonNode example(String example) {
        start();
        try {
            JsonNode node = run.join().path("examples").path(example);
            assertThat(node.isObject()).as("chapter3_first_epoch.py's results of %s", example).isTrue();
            return node;
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
    }

    /**
     * @param example the example
     * @param key a per-seed value, e.g. {@code loss}
     * @return the value for each of {@link #SEEDS}
     */
    static double[] perSeed(String example, String key) {
        JsonNode values = example(example).path(key);
        assertThat(values.size()).as("Keras's %s of %s, one per seed", key, example).isEqualTo(SEEDS.length);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            assertThat(values.get(i).isNumber()).as("Keras's %s %d of %s (null: NaN)", key, i, example).isTrue();
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode runPython(Path data) {
        long start = System.nanoTime();
        boolean reused = Boolean.getBoolean("kerasj.python.reuse") && Files.isRegularFile(JSON);
        try {
            if (!reused) {
                Files.createDirectories(JSON.getParent());
                PythonKeras.run(TIMEOUT_SECONDS, Map.of(), "chapter3_first_epoch.py", JSON.toString(), "--data", data.toString(),
                        "--seeds", Arrays.stream(SEEDS).mapToObj(Long::toString).collect(Collectors.joining(",")));
            }
            JsonNode result = new ObjectMapper().readTree(JSON.toFile());
            System.out.printf(Locale.ROOT, "chapter 3 first epochs: Python side %.1f s%s (TensorFlow %s, Keras %s)%n",
                    (System.nanoTime() - start) / 1e9, reused ? ", reused " + JSON : "", result.path("tensorflow").asText(),
                    result.path("keras").asText());
            return result;
        } catch (IOException e) {
            throw new AssertionError("chapter3_first_epoch.py: expected " + JSON + ", found: " + e.getMessage(), e);
        }
    }
}
