package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.Adagrad;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.AdamW;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.losses.CategoricalCrossentropy;
import io.kerasj.losses.Huber;
import io.kerasj.losses.Loss;
import io.kerasj.losses.MeanAbsoluteError;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.Nadam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.RMSprop;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every loss and optimizer KerasJ has goes into a .keras file's compile_config and comes back equal. */
class CompileSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void everyLossAndOptimizerRoundTripsThroughAKerasFile() {
        List<Loss> losses = List.of(new SparseCategoricalCrossentropy(), new SparseCategoricalCrossentropy(true),
                new CategoricalCrossentropy(), new CategoricalCrossentropy(true), new BinaryCrossentropy(true, 0.1),
                new MeanSquaredError(), new MeanAbsoluteError(), new Huber(), new Huber(2.5));
        List<Optimizer> optimizers = List.of(new SGD(0.05, 0.9, true), new Adam(0.002), new AdamW(0.003, 0.01),
                new RMSprop(0.004, 0.8, 0.5, 1e-6, true), new Adagrad(0.02, 0.2, 1e-6), new Nadam(0.005));
        for (int i = 0; i < Math.max(losses.size(), optimizers.size()); i++) {
            Loss loss = losses.get(i % losses.size());
            Optimizer optimizer = optimizers.get(i % optimizers.size());
            Path file = tmp.resolve("m" + i + ".keras");
            try (Sequential model = new Sequential(1)) {
                model.add(new Flatten(4));
                model.add(new Dense(3, loss instanceof BinaryCrossentropy ? "sigmoid" : "softmax"));
                model.compile(loss, optimizer);
                KerasFiles.save(model, file, false);
                try (io.kerasj.models.Model loaded = Keras3FilesTest.loadQuietly(file)) {
                    assertThat(loaded.compileConfig().loss()).as("loss %s", loss).isEqualTo(loss);
                    assertThat(loaded.compileConfig().optimizer()).as("optimizer %s", optimizer).isEqualTo(optimizer);
                }
            }
        }
    }

    @Test
    void whatKerasJsMetricsAndLossesLackIsAReasonNotACrash() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String optimizer = "\"optimizer\": \"adam\"";
        String[] refused = {
            "{\"class_name\": \"AUC\", \"config\": {\"multi_label\": true}}",
            "{\"class_name\": \"AUC\", \"config\": {\"thresholds\": [0.1, 0.9]}}",
            "{\"class_name\": \"Precision\", \"config\": {\"thresholds\": [0.3, 0.6]}}",
            "{\"class_name\": \"Recall\", \"config\": {\"top_k\": 2}}",
            "{\"class_name\": \"Precision\", \"config\": {\"class_id\": 7}}",
            "{\"class_name\": \"F1Score\", \"config\": {\"average\": null}}",
            "{\"class_name\": \"F1Score\", \"config\": {\"average\": \"samples\"}}",
            "{\"class_name\": \"R2Score\", \"config\": {\"num_regressors\": \"two\"}}"};
        for (String metric : refused) {
            CompileSettings.Result r = CompileSettings.read(json.readTree("{\"loss\": \"mse\", " + optimizer
                    + ", \"metrics\": [" + metric + "]}"), new long[] {3});
            assertThat(r.config()).as(metric).isNull();
            assertThat(r.unsupported()).as(metric).isNotBlank();
        }
        CompileSettings.Result oneUnit = CompileSettings.read(json.readTree("{\"loss\": \"mse\", " + optimizer
                + ", \"metrics\": [" + refused[5] + "]}"), new long[] {1});
        assertThat(oneUnit.config()).as("F1Score average=None on one unit").isNotNull();
        for (String loss : new String[] {"{\"class_name\": \"CosineSimilarity\", \"config\": {\"axis\": 0}}",
                "{\"class_name\": \"CosineSimilarity\", \"config\": {\"axis\": [1]}}",
                "{\"class_name\": \"Poisson\", \"config\": {\"axis\": 1}}"}) {
            CompileSettings.Result r = CompileSettings.read(json.readTree("{\"loss\": " + loss + ", " + optimizer + "}"),
                    new long[] {3});
            assertThat(r.config()).as(loss).isNull();
            assertThat(r.unsupported()).as(loss).isNotBlank();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("python")
    void javaFilesWithEachOptimizerOpenInKeras3() throws Exception {
        io.kerasj.testing.PythonKeras.require();
        Path dir = io.kerasj.testing.PythonKeras.repoRoot().resolve("target").resolve("keras-files-java");
        java.nio.file.Files.createDirectories(dir);
        var train = SavingTestData.data().train().slice(0, 256);
        String[] names = {"AdamW", "RMSprop", "Adagrad", "Nadam"};
        List<Optimizer> optimizers = List.of(new AdamW(0.003, 0.01), new RMSprop(0.004, 0.8, 0.5, 1e-6, true),
                new Adagrad(0.02, 0.2, 1e-6), new Nadam(0.005));
        for (int i = 0; i < names.length; i++) {
            Path file = dir.resolve("optimizer-" + names[i] + ".keras");
            try (Sequential model = new Sequential(2)) {
                model.add(new Flatten(28, 28));
                model.add(new Dense(10, "softmax"));
                model.compile(new Huber(2.5), optimizers.get(i));
                model.compile(new SparseCategoricalCrossentropy(), optimizers.get(i));
                model.fit(train.scaled(), train.labels(), io.kerasj.models.FitOptions.defaults().epochs(1).verbose(0));
                KerasFiles.save(model, file, true);
            }
        }
        String out = io.kerasj.testing.PythonKeras.run(300, java.util.Map.of(), "predict_keras_file.py", "--compile-only",
                dir.resolve("optimizer-AdamW.keras").toString(), dir.resolve("optimizer-RMSprop.keras").toString(),
                dir.resolve("optimizer-Adagrad.keras").toString(), dir.resolve("optimizer-Nadam.keras").toString());
        var report = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        for (int i = 0; i < names.length; i++) {
            assertThat(report.get(i).get("optimizer").asText()).isEqualTo(names[i]);
            assertThat(report.get(i).get("learning_rate").asDouble())
                    .isCloseTo(optimizers.get(i).learningRate(), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void kerasNamesAndUnsupportedSettingsReadAsKerasWritesThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var named = CompileSettings.read(json.readTree("{\"loss\": \"mse\", \"optimizer\": \"rmsprop\", \"metrics\": [\"accuracy\"]}"), new long[] {3});
        assertThat(named.config().loss()).isEqualTo(new MeanSquaredError());
        assertThat(named.config().optimizer()).isEqualTo(new RMSprop());
        var refused = CompileSettings.read(json.readTree("{\"loss\": {\"class_name\": \"CategoricalCrossentropy\", \"config\": "
                + "{\"label_smoothing\": 0.2}}, \"optimizer\": {\"class_name\": \"Lion\", \"config\": {}}}"),
                new long[] {3});
        assertThat(refused.config()).isNull();
        assertThat(refused.unsupported()).contains("CategoricalCrossentropy label_smoothing=0.2").contains("optimizer Lion");
    }

    @Test
    void metricsReadFlatNestedPerOutputAndAsObjectsAndAreWrittenAsGiven() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String topK = "{\"module\": \"keras.metrics\", \"class_name\": \"TopKCategoricalAccuracy\", \"config\": "
                + "{\"name\": \"top3\", \"dtype\": \"float32\", \"k\": 3}, \"registered_name\": null}";
        for (String metrics : List.of("[[\"mae\", " + topK + "]]", "{\"dense_1\": [\"mae\", " + topK + "]}",
                "[\"mae\", " + topK + "]")) {
            var read = CompileSettings.read(json.readTree("{\"loss\": \"mse\", \"optimizer\": \"adam\", \"metrics\": "
                    + metrics + "}"), new long[] {3});
            assertThat(read.unsupported()).as(metrics).isNull();
            assertThat(read.config().metricNames()).containsExactly("mae", "top3");
            var written = CompileSettings.write(read.config(), 0.001);
            assertThat(written.get("loss").asText()).isEqualTo("mse");
            assertThat(written.get("metrics")).isEqualTo(json.readTree("[\"mae\", " + topK + "]"));
        }
        var twoOutputs = CompileSettings.read(json.readTree("{\"loss\": \"mse\", \"optimizer\": \"adam\", "
                + "\"metrics\": {\"a\": \"mae\", \"b\": \"mse\"}}"), new long[] {3});
        assertThat(twoOutputs.unsupported()).contains("metrics for 2 outputs");
        var exactAccuracy = CompileSettings.read(json.readTree("{\"loss\": \"mse\", \"optimizer\": \"adam\", "
                + "\"metrics\": [{\"class_name\": \"Accuracy\", \"config\": {\"name\": \"accuracy\"}}]}"), new long[] {3});
        assertThat(exactAccuracy.config()).as("Keras's Accuracy class compares values exactly: KerasJ lacks it").isNull();
    }
}
