package io.kerasj.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.CaliforniaHousingData;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's search (5 trials, 2 epochs, 1,024 training and 512 validation rows of the scaled split) against
 * python-reference/random_search_reference.py, a plain-Keras re-implementation of Keras Tuner's RandomSearch (keras-tuner
 * is not installable here): the same seed draws the same hyperparameters, and KerasJ's best validation MSE lies within
 * the spread of the Python trials' scores. Its TensorBoard folder, read back by TensorBoard's own HParams plugin
 * code (python-reference/tuner_hparams.py), holds the experiment, a session per trial and the epoch scalars.
 */
@Tag("slow")
@Tag("python")
class TunerPythonParityTest {
    static final int TRIALS = 5;
    static final int EPOCHS = 2;
    static final long SEED = 42;
    static final int TRAIN_ROWS = 1024;
    static final int VALID_ROWS = 512;

    @TempDir
    static Path tmp;
    static SearchResult java;

    @BeforeAll
    static void search() {
        PythonKeras.require();
        java = new RandomSearch(CourseHyperModel.hyperModel(), "val_loss", TRIALS).seed(SEED).parallelTrials(2)
                .directory(tmp.resolve("search")).search(CourseHyperModel.data(TRAIN_ROWS, VALID_ROWS), EPOCHS);
    }

    @Test
    void bestValidationMseIsWithinThePythonSearchsSpread() throws Exception {
        Path out = tmp.resolve("python.json");
        PythonKeras.run(300, Map.of(), "random_search_reference.py", CaliforniaHousingData.dir().toString(),
                String.valueOf(TRIALS), String.valueOf(EPOCHS), String.valueOf(SEED), String.valueOf(TRAIN_ROWS),
                String.valueOf(VALID_ROWS), out.toString());
        JsonNode python = new ObjectMapper().readTree(out.toFile()).path("trials");
        assertThat(python).hasSize(TRIALS);
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            JsonNode p = python.get(i).path("hyperparameters");
            Map<String, Object> j = java.trials().get(i).hyperparameters();
            assertThat(j.get("n_hidden")).isEqualTo(p.path("n_hidden").asLong());
            assertThat(j.get("n_neurons")).isEqualTo(p.path("n_neurons").asLong());
            assertThat((Double) j.get("learning_rate")).isCloseTo(p.path("learning_rate").asDouble(), within(1e-15));
            if (python.get(i).path("score").isNumber()) {
                scores.add(python.get(i).path("score").asDouble());
            }
        }
        double best = java.best().orElseThrow().score();
        double lo = scores.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("tuner parity: KerasJ best val MSE %.4f; Keras trials %s (spread [%.4f, %.4f])%n%s", best, scores,
                lo, hi, java.table());
        assertThat(best).isBetween(lo, hi);
    }

    @Test
    void tensorBoardsHParamsPluginReadsTheExperimentAndEverySession() throws Exception {
        JsonNode board = new ObjectMapper().readTree(PythonKeras.run(120, Map.of(), "tuner_hparams.py",
                tmp.resolve("search/tensorboard").toString()));
        JsonNode experiment = board.path("experiment");
        assertThat(experiment.path("hparams").findValuesAsText("name")).containsExactly("n_hidden", "n_neurons", "learning_rate");
        assertThat(experiment.path("hparams").get(2).path("type").asText()).isEqualTo("DATA_TYPE_FLOAT64");
        assertThat(experiment.path("hparams").get(1).path("max").asDouble()).isEqualTo(100.0);
        assertThat(experiment.path("metrics").toString()).contains("[\"validation\",\"epoch_loss\"]", "[\"train\",\"epoch_loss\"]");
        for (TrialResult t : java.trials()) {
            String run = "trial_" + t.id() + "/execution0";
            JsonNode session = board.path("sessions").path(run);
            assertThat(session.path("status").asText()).isEqualTo("STATUS_SUCCESS");
            assertThat(session.path("group").asText()).isEqualTo("trial_" + t.id());
            assertThat(session.path("hparams").path("n_neurons").asDouble())
                    .isEqualTo(((Long) t.hyperparameters().get("n_neurons")).doubleValue());
            JsonNode valLoss = board.path("scalars").path(run + "/validation").path("epoch_loss");
            assertThat(valLoss).hasSize(EPOCHS);
            for (int e = 0; e < EPOCHS; e++) {
                assertThat(valLoss.get(e).asDouble()).isCloseTo(t.executions().get(0).get("val_loss").get(e), within(1e-6));
            }
        }
    }
}
