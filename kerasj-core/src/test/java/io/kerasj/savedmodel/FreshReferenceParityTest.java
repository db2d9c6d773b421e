package io.kerasj.savedmodel;

import io.kerasj.saving.KerasModelImportTest;
import io.kerasj.saving.KerasModelImport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.Predictions;
import io.kerasj.model.Sequential;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with a fresh Python reference named by {@code -Dkerasj.reference=DIR}: {@code DIR/saved_model} and
 * {@code DIR/python_outputs.json} (the keras214 layout) as written by {@code python-reference/fashion_mnist_mlp.py}.
 * Skipped when the property is not set.
 */
@Tag("parity")
class FreshReferenceParityTest {
    static final String PROPERTY = "kerasj.reference";

    /** @return the reference folder, or skips the test saying how to enable it */
    static Path referenceDir() {
        String value = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(value != null && !value.isBlank(), "no fresh Python reference: run with -D" + PROPERTY
                + "=DIR (DIR/saved_model and DIR/python_outputs.json from python-reference/fashion_mnist_mlp.py) to enable");
        Path dir = Path.of(value).toAbsolutePath();
        assertThat(dir.resolve("saved_model").resolve("saved_model.pb")).as("-D%s=%s: expected DIR/saved_model/saved_model.pb", PROPERTY, value).isRegularFile();
        assertThat(dir.resolve("python_outputs.json")).as("-D%s=%s: expected DIR/python_outputs.json", PROPERTY, value).isRegularFile();
        return dir;
    }

    private static JsonNode pythonOutputs(Path dir) throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve("python_outputs.json")));
    }

    @Test
    void savedModelReproducesPythonsPrintedOutputs() throws Exception {
        Path dir = referenceDir();
        JsonNode py = pythonOutputs(dir);
        int[] labels = TestData.testLabels();
        try (KerasSavedModel m = KerasSavedModel.load(dir.resolve("saved_model"))) {
            float[][] p = m.predict(TestData.testImages());
            PrintedProbabilities.Result printed = PrintedProbabilities.check(py, p);
            double maxAbs = printed.maxAbsDifference();
            int checked = printed.checked();
            double accuracy = Predictions.accuracy(p, labels);
            System.out.printf("fresh reference %s: accuracy %.4f, printed probabilities max|d| %.3e over %d%n", dir, accuracy, maxAbs, checked);
            assertThat(checked).isPositive();
            assertThat(accuracy).isCloseTo(py.path("evaluate").path("accuracy").asDouble(), within(1e-4));
            if (m.outputIsProbabilities()) {
                assertThat(Predictions.crossEntropy(p, labels)).isCloseTo(py.path("evaluate").path("loss").asDouble(), within(1e-4));
            }
        }
    }

    @Test
    void importedJavaModelPredictsAndEvaluatesLikePython() throws Exception {
        Path dir = referenceDir();
        JsonNode py = pythonOutputs(dir);
        KerasModelImportTest.importedMatchesSavedModel(dir.resolve("saved_model"), "fresh reference", -1);
        try (KerasSavedModel saved = KerasSavedModel.load(dir.resolve("saved_model"));
             Sequential java = KerasModelImport.toSequential(saved, 1)) {
            java.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            double[] result = java.evaluate(TestData.testImages(), TestData.testLabels(), 0, new PrintStream(OutputStream.nullOutputStream()));
            System.out.printf("fresh reference Java evaluate: loss %.7f accuracy %.4f (Python: %s)%n", result[0], result[1], py.path("evaluate"));
            assertThat(result[0]).isCloseTo(py.path("evaluate").path("loss").asDouble(), within(1e-4));
            assertThat(result[1]).isCloseTo(py.path("evaluate").path("accuracy").asDouble(), within(1e-4));
        }
    }
}
