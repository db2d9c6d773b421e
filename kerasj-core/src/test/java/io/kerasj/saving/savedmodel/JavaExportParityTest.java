package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.data.Predictions;
import io.kerasj.models.Sequential;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Java → everyone: a Java-trained model, exported and reloaded through TensorFlow Java's own API (not KerasJ's
 * classes), predicts what the in-memory model predicts; and the export committed in {@code saved_models/} still
 * gives the numbers recorded beside it.
 */
@Tag("parity")
class JavaExportParityTest {
    private static final Path COMMITTED = Path.of("saved_models", "fashion_mnist_mlp");

    @TempDir
    Path tmp;

    @Test
    void exportedModelReloadedWithTheRawApiPredictsAsTheModelInMemory() {
        Split split = TestData.split();
        FloatSamples test = TestData.testImages();
        Path dir = tmp.resolve("fashion_mnist_mlp");
        float[][] expected;
        try (Sequential model = new Sequential(7)) {
            model.add(new Flatten(28, 28));
            model.add(new Dense(300, "relu"));
            model.add(new Dense(100, "relu"));
            model.add(new Dense(10, "softmax"));
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            model.fit(split.train().scaled(), split.train().labels(), FitOptions.defaults().epochs(1).verbose(0));
            expected = model.predict(test);
            SavedModelExport.export(model, dir, false);
        }
        float[][] reloaded = rawPredict(dir, test);
        double maxDelta = maxAbsDifference(expected, reloaded);
        System.out.printf("Java export round trip, 10,000 test images: max |Δ| %.3e%n", maxDelta);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-6);
        assertThat(Predictions.argmax(reloaded)).containsExactly(Predictions.argmax(expected));
    }

    @Test
    void committedExportStillGivesTheRecordedNumbers() throws Exception {
        JsonNode recorded = new ObjectMapper().readTree(COMMITTED.resolveSibling("fashion_mnist_mlp.json").toFile());
        float[][] probabilities = rawPredict(COMMITTED, TestData.testImages());
        double maxDelta = 0;
        JsonNode first = recorded.get("first_probabilities");
        for (int i = 0; i < first.size(); i++) {
            for (int c = 0; c < 10; c++) {
                maxDelta = Math.max(maxDelta, Math.abs(probabilities[i][c] - first.get(i).get(c).asDouble()));
            }
        }
        double accuracy = Predictions.accuracy(probabilities, TestData.testLabels());
        System.out.printf("saved_models/fashion_mnist_mlp: accuracy %.4f (recorded %.4f), first 10 rows max |Δ| %.3e%n",
                accuracy, recorded.at("/evaluate/accuracy").asDouble(), maxDelta);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-6);
        assertThat(accuracy).isEqualTo(recorded.at("/evaluate/accuracy").asDouble());
        assertThat(Predictions.crossEntropy(probabilities, TestData.testLabels()))
                .isCloseTo(recorded.at("/evaluate/loss").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
    }

    /** Predicts through {@code SavedModelBundle} and the signature's own names only. */
    private static float[][] rawPredict(Path dir, FloatSamples x) {
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            Signature signature = bundle.signatures().stream().filter(s -> s.key().equals(Signature.DEFAULT_KEY)).findFirst().orElseThrow();
            String input = signature.inputNames().iterator().next();
            String output = signature.outputNames().iterator().next();
            assertThat(input).isEqualTo("flatten_input");
            assertThat(output).isEqualTo("dense_2");
            try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(x.count(), 28, 28), DataBuffers.of(x.toArray(), true, false));
                 Result result = bundle.function(Signature.DEFAULT_KEY).call(Map.of(input, tensor))) {
                TFloat32 out = (TFloat32) result.get(output).orElseThrow();
                float[] flat = new float[x.count() * 10];
                out.copyTo(DataBuffers.of(flat, false, false));
                float[][] rows = new float[x.count()][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = java.util.Arrays.copyOfRange(flat, i * 10, i * 10 + 10);
                }
                return rows;
            }
        }
    }

    /** @return the largest |a - b| over all elements */
    static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                max = Math.max(max, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return max;
    }
}
