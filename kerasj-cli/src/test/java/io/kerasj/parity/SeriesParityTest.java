package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.cli.FashionMnistModels;
import io.kerasj.models.FitOptions;
import io.kerasj.layers.Naming;
import io.kerasj.models.Sequential;
import io.kerasj.engine.Summary;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Fashion-MNIST series against Keras 3: each model's {@code summary()} equals the TF 2.3 table made from the
 * rows and totals Keras reports for the same model ({@code python-reference/series_models.py}); a briefly trained
 * export loads in Python and reproduces Java's outputs on the 10,000 test images within 1e-6.
 */
@Tag("python")
class SeriesParityTest {

    @Test
    void everySummaryEqualsKerass() throws Exception {
        PythonKeras.require();
        String out = PythonKeras.run(300, Map.of(), "series_models.py", "summary");
        JsonNode keras = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
        FloatSamples someImages = FloatSamples.of(new float[2 * 784], 28, 28);
        for (FashionMnistModels variant : FashionMnistModels.values()) {
            JsonNode expected = keras.path(variant.id());
            assertThat(expected.path("rows").size()).as("Keras's rows of %s", variant.id()).isPositive();
            List<Summary.Row> rows = new ArrayList<>();
            for (JsonNode row : expected.path("rows")) {
                long[] shape = new long[row.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = row.path("shape").get(i).asLong();
                }
                rows.add(new Summary.Row(row.path("name").asText(), row.path("class").asText(), shape, row.path("params").asLong()));
            }
            String kerasTable = Summary.format("sequential", rows, expected.path("trainable").asLong(), expected.path("non_trainable").asLong());
            Naming.clearSession(); // as series_models.py calls keras.backend.clear_session() before each model
            try (Sequential model = variant.build(1, someImages)) {
                System.out.printf("series %-10s Keras total %,d (trainable %,d, non-trainable %,d)%n", variant.id(),
                        expected.path("trainable").asLong() + expected.path("non_trainable").asLong(),
                        expected.path("trainable").asLong(), expected.path("non_trainable").asLong());
                assertThat(model.summaryText()).as("summary of %s", variant.id()).isEqualTo(kerasTable);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "normalized", "dnn", "dnn-bn", "dnn-selu", "cnn"})
    void pythonLoadsTheExportOfAShortlyTrainedModel(String id) throws Exception {
        JsonNode r = exportReports().get(id);
        System.out.printf("series %s Java -> Python: tf.saved_model.load max|d| %.2e, TFSMLayer max|d| %.2e, accuracy %.4f%n", id,
                r.path("saved_model_load").asDouble(), r.path("tfsm_layer").asDouble(), r.path("accuracy_java").asDouble());
        assertThat(r.path("model").asText()).isEqualTo(exportDir(id).toString());
        assertThat(r.path("images").asInt()).isEqualTo(10000);
        assertThat(r.path("saved_model_load").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(r.path("tfsm_layer").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(r.path("argmax_equal").asBoolean()).isTrue();
    }

    private static Map<String, JsonNode> exportReports;

    /**
     * Trains each model 1 epoch on 1,000 images, keeps its outputs on the test images and exports it; then one Python
     * process (TensorFlow imported once, not six times) loads the six exports: its report per model, by id.
     */
    private static synchronized Map<String, JsonNode> exportReports() throws Exception {
        PythonKeras.require();
        if (exportReports == null) {
            List<String> args = new ArrayList<>();
            for (FashionMnistModels variant : FashionMnistModels.values()) {
                Path root = exportDir(variant.id()).getParent();
                exportShortlyTrained(variant, root);
                args.add(root.resolve("saved_model").toString());
                args.add(root.resolve("java_outputs.f32").toString());
            }
            args.addAll(List.of("--tolerance", "1e-6", "--report-only"));
            List<String> lines = PythonKeras.run(600, Map.of(), "java_to_python.py", args.toArray(String[]::new)).lines()
                    .filter(line -> line.startsWith("{")).toList();
            assertThat(lines).as("java_to_python.py: one report per export").hasSize(FashionMnistModels.values().length);
            Map<String, JsonNode> reports = new java.util.HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                reports.put(FashionMnistModels.values()[i].id(), new ObjectMapper().readTree(lines.get(i)));
            }
            exportReports = reports;
        }
        return exportReports;
    }

    private static Path exportDir(String id) {
        return PythonReferences.ROOT.resolve("series-export-" + id).resolve("saved_model");
    }

    private static void exportShortlyTrained(FashionMnistModels variant, Path root) throws Exception {
        ReferenceArrays.Writer out = new ReferenceArrays.Writer(root);
        int[] subset = IntStream.range(5000, 6000).toArray();
        FloatSamples x = ParityData.trainImages(subset);
        FloatSamples test = ParityData.testImages();
        if (variant == FashionMnistModels.CNN) {
            x = FloatSamples.of(x.unsafeValues(), 28, 28, 1);
            test = FloatSamples.of(test.unsafeValues(), 28, 28, 1);
        }
        try (Sequential model = variant.build(1, x)) {
            model.fit(x, ParityData.trainLabels(subset), FitOptions.defaults().epochs(1).verbose(0));
            float[][] outputs = model.predict(test);
            float[] flat = new float[outputs.length * 10];
            for (int i = 0; i < outputs.length; i++) {
                System.arraycopy(outputs[i], 0, flat, i * 10, 10);
            }
            out.floats("java_outputs", flat, outputs.length, 10);
            out.finish();
            model.save(root.resolve("saved_model"));
        }
    }
}
