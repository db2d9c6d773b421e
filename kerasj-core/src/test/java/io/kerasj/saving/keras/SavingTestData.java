package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.DatasetException;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.TrainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Fixtures: Fashion-MNIST (skips when absent), the frozen Keras 2.4 model in ../shared/reference-models/, and the
 * Keras 3 files that python-reference/make_keras_files.py writes once per test JVM under target/keras-files/.
 */
final class SavingTestData {
    static final Path REFERENCE = Path.of("").toAbsolutePath().getParent().resolve("shared").resolve("reference-models");
    private static TrainTest data;

    private SavingTestData() {
    }

    static synchronized TrainTest data() {
        if (data == null) {
            try {
                data = FashionMnist.withDefaults(null).loadData();
            } catch (DatasetException e) {
                Assumptions.abort("Fashion-MNIST not available (apt-get install dataset-fashion-mnist): " + e.getMessage());
            }
        }
        return data;
    }

    static FloatSamples testImages() {
        return data().test().scaled();
    }

    static int[] testLabels() {
        return data().test().labels();
    }

    /** @return a file of ../shared/reference-models/, or skips the test */
    static Path reference(String name) {
        Path p = REFERENCE.resolve(name);
        Assumptions.assumeTrue(Files.exists(p), "reference model " + p + " not found (../shared/reference-models/ beside the project)");
        return p;
    }

    /** @return the folder of Keras 3 files made by the live venv (once per JVM), or skips the test */
    static Path kerasFiles() {
        return io.kerasj.testing.PythonArtifacts.kerasFiles();
    }

    /** @return what Keras 3 gave for the frozen Keras 2.4 model (keras24-mlp-300-100.h5.json), or skips the test */
    static JsonNode keras24Expected() throws IOException {
        return new ObjectMapper().readTree(reference("keras24-mlp-300-100.h5.json").toFile());
    }

    /** @return the largest difference between the first rows of {@code p} and Keras 3's {@code probabilities_first_5} */
    static double maxDifferenceFromKeras24FirstRows(float[][] p, JsonNode expected) {
        double max = 0;
        JsonNode rows = expected.get("probabilities_first_5");
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 10; c++) {
                max = Math.max(max, Math.abs(p[i][c] - rows.get(i).get(c).asDouble()));
            }
        }
        return max;
    }

    static double maxAbsDifference(float[][] a, float[] flatB, int columns) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, Math.abs(a[i][c] - flatB[i * columns + c]));
            }
        }
        return max;
    }
}
