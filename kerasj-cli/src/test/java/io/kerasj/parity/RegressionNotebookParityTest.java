package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.callbacks.History;
import io.kerasj.cli.CaliforniaHousingModels;
import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.layers.Naming;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.ValidationData;
import io.kerasj.testing.CaliforniaHousingData;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The five California-housing notebooks train their first epoch as Keras 3 does: KerasJ's first-epoch loss over
 * seeds 1, 2 and 3 against Keras 3's ({@code python-reference/regression_notebooks.py --first-epoch-only}, run once
 * for all five, beside the Java training), judged by the two-sample t-test of {@link FirstEpochLossParityTest}
 * ({@link StudentT#pooled}, {@code |t| <= 8.610}, two-sided p >= 0.001); and each notebook's History has Keras's keys.
 * Both sides use the notebooks' learning rates ({@link CaliforniaHousingModels#defaultLearningRate()}: 1e-3 for
 * {@code wide-deep} and {@code wide-deep-subclass}, Keras's 0.01 for the others). A negative control shows the
 * t-test can fail: {@code wide-deep-multi-output} at a hundredth of its learning rate (1e-4) against Keras's at 0.01.
 *
 * <p>The test is weak here: the first-epoch losses of these notebooks spread widely over seeds (the outliers of
 * Population and AveOccup), so 3 seeds at p 0.001 do not tell even a barely trained network (learning rate 1e-5) from
 * Keras's for four of the five notebooks (|t| 4 to 7); only {@code wide-deep-multi-output}, whose spread is the
 * smallest, rejects it (|t| 17.5). {@code wide-deep} at 0.01 (ten times its rate; Keras diverges in epoch 2) gives
 * |t| 2.7.
 */
@Tag("python")
@Tag("parity")
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegressionNotebookParityTest {
    private static final long[] SEEDS = {1, 2, 3};
    private static final long PYTHON_TIMEOUT_SECONDS = 900;
    private static final double CONTROL_LEARNING_RATE = 1e-4;
    private static final Path PYTHON_JSON = PythonReferences.ROOT.resolve("regression-notebooks-first-epoch.json");
    private static CompletableFuture<JsonNode> python;
    private static Split split;
    private static final Map<CaliforniaHousingModels, double[]> JAVA_LOSSES = new EnumMap<>(CaliforniaHousingModels.class);
    private static final Map<CaliforniaHousingModels, List<String>> JAVA_KEYS = new EnumMap<>(CaliforniaHousingModels.class);

    /** Starts Keras 3 in the background, then trains the Java side while it runs. */
    @BeforeAll
    static void trainBothSides() {
        Path data = CaliforniaHousingData.dir();
        PythonKeras.require();
        python = CompletableFuture.supplyAsync(() -> runPython(data));
        split = CaliforniaHousing.withDefaults(data).notebookSplit();
        long start = System.nanoTime();
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            double[] losses = new double[SEEDS.length];
            for (int i = 0; i < SEEDS.length; i++) {
                History history = firstEpoch(m, SEEDS[i], m.defaultLearningRate());
                losses[i] = history.history().get("loss").get(0);
                JAVA_KEYS.put(m, List.copyOf(history.history().keySet()));
            }
            JAVA_LOSSES.put(m, losses);
        }
        System.out.printf(Locale.ROOT, "regression notebooks' first epochs: Java side %.1f s for the five, beside Python%n",
                (System.nanoTime() - start) / 1e9);
    }

    @Test
    @Order(1)
    void eachNotebooksFirstEpochLossMatchesKerassOverThreeSeeds() {
        JsonNode keras = pythonResult();
        List<String> rejected = new ArrayList<>();
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            JsonNode py = keras.path("first_epoch").path(m.id());
            assertThat(py.path("learning_rate").asDouble()).as("Python's learning rate of %s", m.id()).isEqualTo(m.defaultLearningRate());
            double[] pyLosses = values(py.path("loss"), m.id());
            double[] java = JAVA_LOSSES.get(m);
            double t = StudentT.pooled(java, pyLosses);
            System.out.println(line(m.id(), pyLosses, java, t));
            if (!(Math.abs(t) <= StudentT.CRITICAL_4_DF_P001)) {
                rejected.add(String.format(Locale.ROOT, "%s (t %+.3f)", m.id(), t));
            }
        }
        assertThat(rejected).as("notebooks whose first-epoch loss differs from Keras's: |t| > %.3f (p < 0.001)",
                StudentT.CRITICAL_4_DF_P001).isEmpty();
    }

    @Test
    @Order(2)
    void eachNotebooksHistoryHasKerassKeys() {
        JsonNode keras = pythonResult();
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            List<String> pyKeys = new ArrayList<>();
            keras.path("first_epoch").path(m.id()).path("history_keys").forEach(k -> pyKeys.add(k.asText()));
            System.out.printf("History keys of %s: Keras %s, KerasJ %s%n", m.id(), pyKeys, JAVA_KEYS.get(m));
            assertThat(pyKeys).as("Keras's History keys of %s", m.id()).isNotEmpty();
            // the same keys; Keras 3 on TensorFlow lists them sorted (tf.function returns its logs dict sorted), KerasJ loss first
            assertThat(JAVA_KEYS.get(m)).as("History keys of %s", m.id()).containsExactlyInAnyOrderElementsOf(pyKeys);
        }
    }

    @Test
    @Order(3)
    void theTestRejectsTheMultiOutputNotebookAtAHundredthOfItsLearningRate() {
        double[] java = new double[SEEDS.length];
        for (int i = 0; i < SEEDS.length; i++) {
            java[i] = firstEpoch(CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT, SEEDS[i], CONTROL_LEARNING_RATE)
                    .history().get("loss").get(0);
        }
        CaliforniaHousingModels m = CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT;
        double[] py = values(pythonResult().path("first_epoch").path(m.id()).path("loss"), m.id());
        double t = StudentT.pooled(java, py);
        System.out.println(line("control: " + m.id() + " at SGD 1e-4", py, java, t));
        assertThat(Math.abs(t)).as("|t| of %s at learning rate 1e-4 against Keras's at 0.01", m.id()).isGreaterThan(StudentT.CRITICAL_4_DF_P001);
    }

    /** One epoch as the notebook trains it (batch 32, shuffled, with the validation data), after Keras's clear_session. */
    private static History firstEpoch(CaliforniaHousingModels m, long seed, double learningRate) {
        Naming.clearSession(); // as regression_notebooks.py calls keras.backend.clear_session() before each model
        try (Model model = m.build(seed, learningRate)) {
            return model.fit(m.inputs(split.train().floats()), m.targets(split.train().y()), FitOptions.defaults().epochs(1).verbose(0)
                    .validation(ValidationData.of(m.inputs(split.validation().floats()), m.targets(split.validation().y()))));
        }
    }

    private static JsonNode pythonResult() {
        try {
            return python.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
    }

    /**
     * Keras 3's first epochs of all five notebooks, run once; {@code -Dkerasj.python.reuse=true} reads the file an earlier
     * run left (never in CI).
     */
    private static JsonNode runPython(Path data) {
        long start = System.nanoTime();
        boolean reused = Boolean.getBoolean("kerasj.python.reuse") && Files.isRegularFile(PYTHON_JSON);
        try {
            if (!reused) {
                Files.createDirectories(PYTHON_JSON.getParent());
                List<String> args = new ArrayList<>(List.of(PYTHON_JSON.toString(), "--data", data.toString(), "--first-epoch-only",
                        "--seeds", Arrays.stream(SEEDS).mapToObj(Long::toString).collect(Collectors.joining(","))));
                for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
                    args.add("--learning-rate-of");
                    args.add(m.id() + "=" + m.defaultLearningRate());
                }
                PythonKeras.run(PYTHON_TIMEOUT_SECONDS, Map.of(), "regression_notebooks.py", args.toArray(String[]::new));
            }
            JsonNode result = new ObjectMapper().readTree(PYTHON_JSON.toFile());
            System.out.printf(Locale.ROOT, "regression notebooks' first epochs: Python side %.1f s%s (TensorFlow %s, Keras %s)%n",
                    (System.nanoTime() - start) / 1e9, reused ? ", reused " + PYTHON_JSON : "", result.path("tensorflow").asText(),
                    result.path("keras").asText());
            return result;
        } catch (IOException e) {
            throw new AssertionError("regression_notebooks.py: expected " + PYTHON_JSON + ", found: " + e.getMessage(), e);
        }
    }

    private static double[] values(JsonNode array, String id) {
        assertThat(array.size()).as("Python's first-epoch losses of %s", id).isEqualTo(SEEDS.length);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            assertThat(array.get(i).isNumber()).as("Python's first-epoch loss %d of %s (null: NaN)", i, id).isTrue();
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static String line(String name, double[] py, double[] java, double t) {
        return String.format(Locale.ROOT, "first-epoch %-24s Python %s mean %.6f | Java %s mean %.6f | t %+.3f (|t| <= %.3f: %s)",
                name, format(py), StudentT.mean(py), format(java), StudentT.mean(java), t, StudentT.CRITICAL_4_DF_P001,
                Math.abs(t) <= StudentT.CRITICAL_4_DF_P001 ? "yes" : "NO");
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6f", v)).collect(Collectors.joining(", ", "[", "]"));
    }
}
