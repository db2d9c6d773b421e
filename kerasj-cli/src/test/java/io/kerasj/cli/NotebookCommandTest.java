package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.FashionMnistData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real 10-epoch run of {@code kerasj notebook}, checked against the notebook's bars. */
@Tag("slow")
class NotebookCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static KerasJTest.Run run;
    private static Path out;

    @BeforeAll
    static void runTheNotebook() {
        Optional<Path> data = FashionMnistData.find();
        if (data.isEmpty()) {
            return; // each test skips, saying why
        }
        out = tmp.resolve("run");
        run = KerasJTest.run("notebook", "--data-dir", data.get().toString(), "--out", out.toString(),
                "--save-model", tmp.resolve("export/fashion_mnist_mlp").toString());
    }

    @BeforeEach
    void needsData() {
        FashionMnistData.dir();
    }

    @Test
    void printsTheNotebooksOutputsInOrder() {
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        String text = run.out();
        List<String> markers = List.of("TensorFlow (native) 2.18.0", "(5000, 28, 28) (5000,)", "(55000, 28, 28) (55000,)",
                "(10000, 28, 28) (10000,)", "Total params: 266,610", "Epoch 1/10", "Epoch 10/10", "{\"loss\":[",
                "313/313 [==============================]", "array([9, 2, 1])",
                "array(['Ankle boot', 'Pullover', 'Trouser'], dtype='<U10')", "Files written:");
        int at = 0;
        for (String marker : markers) {
            int found = text.indexOf(marker, at);
            assertThat(found).as("'%s' after position %d", marker, at).isGreaterThanOrEqualTo(0);
            at = found;
        }
        assertThat(text).containsPattern("1719/1719 \\[=+\\] - \\d+s \\d+[mu]s/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}");
    }

    @Test
    void meetsTheNotebooksBars() throws Exception {
        JsonNode history = JSON.readTree(out.resolve("history.json").toFile());
        assertThat(history.get("loss")).hasSize(10);
        assertThat(history.get("val_accuracy").get(0).asDouble()).isGreaterThanOrEqualTo(0.80);
        for (int epoch = 1; epoch < 10; epoch++) {
            assertThat(history.get("loss").get(epoch).asDouble()).isLessThan(history.get("loss").get(epoch - 1).asDouble());
        }
        JsonNode predictions = JSON.readTree(out.resolve("predictions.json").toFile());
        assertThat(predictions.at("/evaluate/accuracy").asDouble()).isGreaterThanOrEqualTo(0.86);
        assertThat(predictions.get("predictions").findValuesAsText("predicted_name")).containsExactly("Ankle boot", "Pullover", "Trouser");
    }

    @Test
    void writesEveryFileUnderTheOutputDirectory() throws Exception {
        for (String name : List.of("single_image.png", "grid_images.png", "learning_curves.png", "history.json",
                "predictions.json", "saved_model/saved_model.pb")) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        Path export = tmp.resolve("export/fashion_mnist_mlp");
        assertThat(export.resolve("saved_model.pb")).exists();
        JsonNode report = JSON.readTree(tmp.resolve("export/fashion_mnist_mlp.json").toFile());
        assertThat(report.at("/signature/input").asText()).isEqualTo("flatten_input");
        assertThat(report.get("first_probabilities")).hasSize(10);
        try (var files = Files.list(tmp.resolve("export"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fashion_mnist_mlp", "fashion_mnist_mlp.json");
        }
    }
}
