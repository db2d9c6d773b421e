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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj notebook --model transfer} run once with model A trained one epoch: the book's steps in order, both
 * test accuracies well above chance in the run's notes and evaluation, the reused layers bit-identical after the
 * frozen epochs and model A unchanged; and the options it does not take, refused before any work.
 */
@Tag("slow")
class TransferNotebookCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static KerasJTest.Run run;
    private static Path out;

    @BeforeAll
    static void runTheNotebook() {
        Optional<Path> data = FashionMnistData.find();
        if (data.isEmpty()) {
            return;
        }
        out = tmp.resolve("run");
        run = KerasJTest.run("notebook", "--model", "transfer", "--epochs", "1", "--data-dir", data.get().toString(),
                "--out", out.toString());
    }

    @Test
    void trainsAThenBOnAFrozenThenUnfrozenThenBFromScratch() throws Exception {
        FashionMnistData.dir();
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        List<String> markers = List.of("Notebook transfer (Fashion-MNIST, Hands-On ML ch. 11)",
                "task A: 43986 training, 4014 validation, 8000 test images; task B: 200 training, 986 validation, 2000 test images",
                "Total params: 276,158", "1375/1375 [", "model A, test accuracy on its 8 classes: ", "Trainable params: 51",
                "Epoch 4/4", "reused layers bit-identical after the frozen epochs: true", "Epoch 16/16", "Epoch 20/20",
                "test accuracy, shirt vs sandal (2000 test images): model B on A ", "Files written:");
        int at = 0;
        for (String marker : markers) {
            int found = run.out().indexOf(marker, at);
            assertThat(found).as("'%s' after position %d in%n%s", marker, at, run.out()).isGreaterThanOrEqualTo(0);
            at = found;
        }
        JsonNode report = JSON.readTree(out.resolve(TransferNotebook.EVALUATION_FILE).toFile());
        assertThat(report.get("frozen_layers_bit_identical").asBoolean()).isTrue();
        assertThat(report.get("model_A_unchanged").asBoolean()).isTrue();
        assertThat(report.get("model_A").get("accuracy").asDouble()).isGreaterThan(0.6); // 8 classes: chance is 0.125
        double onA = report.get("model_B_on_A").get("accuracy").asDouble();
        double scratch = report.get("model_B").get("accuracy").asDouble();
        assertThat(onA).isGreaterThan(0.8); // 2 classes: chance is 0.5
        assertThat(scratch).isGreaterThan(0.8);
        String notes = Files.readString(out.resolve(TransferNotebook.NOTES_FILE));
        assertThat(notes).contains(String.format(java.util.Locale.ROOT, "| %.4f |", onA), String.format(java.util.Locale.ROOT, "| %.4f |", scratch));
    }

    @Test
    void optionsTheNotebookDoesNotTakeAreUsageErrorsBeforeAnyWork() {
        Path target = tmp.resolve("refused");
        KerasJTest.Run refused = KerasJTest.run("notebook", "--model", "transfer", "--save-model", tmp.resolve("m").toString(),
                "--out", target.toString(), "--data-dir", tmp.resolve("no-data").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--save-model: the transfer notebook does not take it");
        assertThat(target).doesNotExist();
    }
}
