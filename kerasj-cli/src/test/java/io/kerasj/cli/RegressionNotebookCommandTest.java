package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.testing.CaliforniaHousingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj notebook --model} on the five California-housing notebooks, each run for a few epochs: the header
 * with the optimizer's choice, the course's data shapes, the summary, progress, History, curves, evaluate, predict
 * and the saved model; and the options one series alone takes, refused before any work.
 */
@Tag("slow")
class RegressionNotebookCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EPOCHS = 2;
    private static final Map<CaliforniaHousingModels, KerasJTest.Run> RUNS = new EnumMap<>(CaliforniaHousingModels.class);

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runTheNotebooks() {
        if (!CaliforniaHousingData.isPresent()) {
            return; // each test skips, saying why
        }
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            List<String> args = new ArrayList<>(List.of("notebook", "--model", m.id(), "--epochs", String.valueOf(EPOCHS), "--data-dir",
                    CaliforniaHousingData.dir().toString(), "--out", out(m).toString()));
            if (m == CaliforniaHousingModels.WIDE_DEEP_SUBCLASS) {
                args.addAll(List.of("--seed", "2")); // the others run at the notebooks' default seed, 7
            }
            RUNS.put(m, KerasJTest.run(args.toArray(String[]::new)));
        }
    }

    @BeforeEach
    void needsData() {
        CaliforniaHousingData.dir();
    }

    private static Path out(CaliforniaHousingModels m) {
        return tmp.resolve(m.id());
    }

    @Test
    void eachNotebookPrintsItsStepsInOrder() {
        Map<CaliforniaHousingModels, String> params = Map.of(CaliforniaHousingModels.REGRESSION, "Total params: 301",
                CaliforniaHousingModels.WIDE_DEEP, "Total params: 1,239", CaliforniaHousingModels.WIDE_DEEP_MULTI_INPUT,
                "Total params: 1,176", CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT, "Total params: 1,207",
                CaliforniaHousingModels.WIDE_DEEP_SUBCLASS, "Total params: 1,239");
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            KerasJTest.Run run = RUNS.get(m);
            assertThat(run.exitCode()).as(m.id() + ": " + run.err()).isZero();
            assertThat(run.err()).as(m.id()).isEmpty();
            List<String> markers = List.of("TensorFlow (native) 2.18.0", "Notebook " + m.id() + " (California housing): ",
                    "(3870, 8) (3870,)", "(11610, 8) (11610,)", "(5160, 8) (5160,)", params.get(m), "Epoch 1/" + EPOCHS,
                    "Epoch " + EPOCHS + "/" + EPOCHS, "{\"loss\":[", "162/162 [", "Files written:");
            int at = 0;
            for (String marker : markers) {
                int found = run.out().indexOf(marker, at);
                assertThat(found).as("%s: '%s' after position %d in%n%s", m.id(), marker, at, run.out()).isGreaterThanOrEqualTo(0);
                at = found;
            }
            assertThat(run.out()).as(m.id()).containsPattern("363/363 \\[=+\\] - \\d+s \\d+[mu]s/step - loss: \\d+\\.\\d{4}.* - val_loss: \\d+\\.\\d{4}");
        }
        assertThat(RUNS.get(CaliforniaHousingModels.WIDE_DEEP_MULTI_INPUT).out())
                .contains("wide_input (InputLayer)", "deep_input (InputLayer)", "concatenate (Concatenate)");
        assertThat(RUNS.get(CaliforniaHousingModels.WIDE_DEEP_SUBCLASS).out()).contains("Model: \"wide_deep_model\"");
    }

    @Test
    void theHeaderNamesTheLearningRateAndWhy() {
        assertThat(RUNS.get(CaliforniaHousingModels.REGRESSION).out()).contains("Notebook regression (California housing): "
                + "\"sgd\" (SGD, learning_rate=0.01), loss mean_squared_error, batch 32, EarlyStopping(patience=5, min_delta=0.01), "
                + "up to 2 epochs, seed 7");
        for (CaliforniaHousingModels m : List.of(CaliforniaHousingModels.WIDE_DEEP, CaliforniaHousingModels.WIDE_DEEP_SUBCLASS)) {
            assertThat(RUNS.get(m).out()).contains("Notebook " + m.id() + " (California housing): SGD(learning_rate=0.001): at "
                    + "Keras's \"sgd\" (0.01) this network diverges to NaN within 3 epochs, in Keras 3 as in KerasJ; --learning-rate overrides");
        }
        assertThat(RUNS.get(CaliforniaHousingModels.WIDE_DEEP_SUBCLASS).out()).contains("up to 2 epochs, seed 2");
    }

    @Test
    void historyCurvesEvaluationAndTheModelAreWritten() throws Exception {
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            Path dir = out(m);
            JsonNode history = JSON.readTree(dir.resolve("history.json").toFile());
            List<String> keys = new ArrayList<>();
            history.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(m.id()).containsExactlyElementsOf(m == CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT
                    ? List.of("loss", "dense_2_loss", "dense_3_loss", "val_loss", "val_dense_2_loss", "val_dense_3_loss")
                    : List.of("loss", "val_loss"));
            assertThat(history.get("loss")).as(m.id()).hasSize(EPOCHS);
            assertThat(dir.resolve("learning_curves.png")).isNotEmptyFile();
            JsonNode evaluation = JSON.readTree(dir.resolve("evaluation.json").toFile());
            double loss = evaluation.at("/evaluate/loss").asDouble();
            assertThat(loss).as(m.id() + " test loss").isBetween(0.0, 5.0);
            assertThat(evaluation.get("y_true")).hasSize(3);
            assertThat(evaluation.get("predictions").size()).isEqualTo(m == CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT ? 2 : 1);
            assertThat(dir.resolve("model.keras")).isNotEmptyFile();
            try (Model saved = KerasFiles.load(dir.resolve("model.keras"))) {
                assertThat(saved.outputNames()).as(m.id()).hasSize(m == CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT ? 2 : 1);
            }
        }
        assertThat(Files.readString(out(CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT).resolve("evaluation.json")))
                .contains("\"dense_2_loss\"", "\"dense_3_loss\"");
    }
}
