package io.kerasj.saving.savedmodel;

import io.kerasj.saving.keras.KerasFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.Predictions;
import io.kerasj.models.Sequential;
import io.kerasj.parity.PythonReferences;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with a fresh Python reference: {@code DIR/saved_model} and {@code DIR/python_outputs.json} (the keras214
 * layout) as written by {@code python-reference/fashion_mnist_mlp.py}. {@code -Dkerasj.reference=DIR} names one;
 * without it the live Python suite makes one ({@link PythonReferences#notebook()}, shared with the other parity
 * tests of the run), and the tests skip, saying why, only where the venv is missing.
 */
@Tag("parity")
class FreshReferenceParityTest {
    static final String PROPERTY = "kerasj.reference";

    /** @return the reference folder: the one named by the property, else the live suite's */
    static Path referenceDir() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return PythonReferences.notebook();
        }
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

    /**
     * A Keras 2 reference is imported from its SavedModel (which carries keras_metadata.pb); a Keras 3 one, whose
     * export has no architecture, from the model.keras beside it, and must predict as its SavedModel does.
     */
    @Test
    void importedJavaModelPredictsAndEvaluatesLikePython() throws Exception {
        Path dir = referenceDir();
        JsonNode py = pythonOutputs(dir);
        Path savedModel = dir.resolve("saved_model");
        boolean keras2 = Files.isRegularFile(savedModel.resolve("keras_metadata.pb"));
        if (keras2) {
            KerasModelImportTest.importedMatchesSavedModel(savedModel, "fresh reference", -1);
        }
        try (KerasSavedModel saved = KerasSavedModel.load(savedModel);
             io.kerasj.models.Model java = keras2 ? KerasModelImport.toSequential(saved, 1) : KerasFiles.load(dir.resolve("model.keras"))) {
            if (!keras2) {
                double max = JavaExportParityTest.maxAbsDifference(java.predict(TestData.testImages()), saved.predict(TestData.testImages()));
                System.out.printf("fresh reference model.keras loaded in Java against its SavedModel: max|d| %.3e%n", max);
                assertThat(max).isLessThanOrEqualTo(1e-6);
            }
            java.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            double[] result = java.evaluate(TestData.testImages(), TestData.testLabels(), 0, new PrintStream(OutputStream.nullOutputStream()));
            System.out.printf("fresh reference Java evaluate: loss %.7f accuracy %.4f (Python: %s)%n", result[0], result[1], py.path("evaluate"));
            assertThat(result[0]).isCloseTo(py.path("evaluate").path("loss").asDouble(), within(1e-4));
            assertThat(result[1]).isCloseTo(py.path("evaluate").path("accuracy").asDouble(), within(1e-4));
        }
    }
}
