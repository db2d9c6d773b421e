package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final String UNDERSCORES = "_".repeat(65) + "\n";
    private static final String EQUALS = "=".repeat(65) + "\n";

    /** The notebook model's summary as TF 2.3 prints it (a copy of shared/docs/summary-tf23.txt). */
    static final String NOTEBOOK_GOLDEN = "Model: \"sequential\"\n"
            + UNDERSCORES
            + "Layer (type)                 Output Shape              Param #   \n"
            + EQUALS
            + "flatten (Flatten)            (None, 784)               0         \n"
            + UNDERSCORES
            + "dense (Dense)                (None, 300)               235500    \n"
            + UNDERSCORES
            + "dense_1 (Dense)              (None, 100)               30100     \n"
            + UNDERSCORES
            + "dense_2 (Dense)              (None, 10)                1010      \n"
            + EQUALS
            + "Total params: 266,610\n"
            + "Trainable params: 266,610\n"
            + "Non-trainable params: 0\n"
            + UNDERSCORES;

    private static String notebookSummary() {
        return Summary.format("sequential", List.of(
                new Summary.Row("flatten", "Flatten", new long[] {-1, 784}, 0),
                new Summary.Row("dense", "Dense", new long[] {-1, 300}, 235_500),
                new Summary.Row("dense_1", "Dense", new long[] {-1, 100}, 30_100),
                new Summary.Row("dense_2", "Dense", new long[] {-1, 10}, 1_010)), 266_610, 0);
    }

    @Test
    void notebookModelMatchesTheInlineGolden() {
        assertThat(notebookSummary()).isEqualTo(NOTEBOOK_GOLDEN);
    }

    @Test
    void notebookModelMatchesTheSharedGoldenFile() throws IOException {
        Path golden = Path.of("").toAbsolutePath().getParent().resolve("shared/docs/summary-tf23.txt");
        Assumptions.assumeTrue(Files.isRegularFile(golden),
                "skipped: " + golden + " is absent (the inline copy is still checked by another test)");
        assertThat(notebookSummary()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(NOTEBOOK_GOLDEN).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void everyRowIsPaddedToTheLineLength() {
        for (String line : notebookSummary().split("\n")) {
            if (!line.contains("params") && !line.startsWith("Model")) {
                assertThat(line).hasSize(65);
            }
        }
    }

    @Test
    void modelWithDropoutRows() {
        String summary = Summary.format("mlp", List.of(
                new Summary.Row("flatten", "Flatten", new long[] {-1, 28, 28}, 0),
                new Summary.Row("dense", "Dense", new long[] {-1, 128}, 100_480),
                new Summary.Row("dropout", "Dropout", new long[] {-1, 128}, 0),
                new Summary.Row("dense_1", "Dense", new long[] {-1, 64}, 8_256),
                new Summary.Row("dropout_1", "Dropout", new long[] {-1, 64}, 0),
                new Summary.Row("dense_2", "Dense", new long[] {-1, 10}, 650)), 109_386, 0);
        assertThat(summary).isEqualTo("Model: \"mlp\"\n"
                + UNDERSCORES
                + "Layer (type)                 Output Shape              Param #   \n"
                + EQUALS
                + "flatten (Flatten)            (None, 28, 28)            0         \n"
                + UNDERSCORES
                + "dense (Dense)                (None, 128)               100480    \n"
                + UNDERSCORES
                + "dropout (Dropout)            (None, 128)               0         \n"
                + UNDERSCORES
                + "dense_1 (Dense)              (None, 64)                8256      \n"
                + UNDERSCORES
                + "dropout_1 (Dropout)          (None, 64)                0         \n"
                + UNDERSCORES
                + "dense_2 (Dense)              (None, 10)                650       \n"
                + EQUALS
                + "Total params: 109,386\n"
                + "Trainable params: 109,386\n"
                + "Non-trainable params: 0\n"
                + UNDERSCORES);
    }

    @Test
    void longFieldsAreCutAtTheColumnStopAndStillSeparated() {
        String summary = Summary.format("m", List.of(
                new Summary.Row("a_very_long_layer_name_that_overflows", "Dense", new long[] {-1, 10}, 1_234_567_890L)),
                1_234_567_890L, 12_345);
        assertThat(summary.split("\n")[4])
                .isEqualTo("a_very_long_layer_name_that_ (None, 10)                1234567890");
        assertThat(summary).contains("Total params: 1,234,580,235\n").contains("Non-trainable params: 12,345\n");
    }

    @Test
    void shapesPrintAsPythonTuples() {
        assertThat(Summary.shape(new long[] {-1, 784})).isEqualTo("(None, 784)");
        assertThat(Summary.shape(new long[] {-1})).isEqualTo("(None,)");
        assertThat(Summary.shape(new long[] {})).isEqualTo("()");
        assertThat(Summary.shape(null)).isEqualTo("multiple");
    }
}
