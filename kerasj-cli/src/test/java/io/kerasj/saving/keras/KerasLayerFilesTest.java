package io.kerasj.saving.keras;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.cli.FashionMnistModels;
import io.kerasj.layers.Layer;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layers beyond Dense in Keras files, both ways with live Keras 3: convolutions, pooling, BatchNormalization
 * (moving statistics), Normalization (mean, variance, count), Activation, AlphaDropout, Reshape and Rescaling.
 */
@Tag("python")
class KerasLayerFilesTest {

    @Test
    void keras3CnnLoadsAndMatchesPythonOnAllTestImages() {
        Path dir = SavingTestData.kerasFiles();
        try (Model model = Keras3FilesTest.loadQuietly(dir.resolve("cnn.keras"))) {
            assertThat(model.layers()).extracting(Layer::className).containsExactly("Reshape", "Conv2D", "MaxPooling2D", "Conv2D",
                    "Activation", "AveragePooling2D", "Flatten", "Dense");
            Keras3FilesTest.matches(model, dir.resolve("cnn.probabilities.npy"), "Keras 3 cnn.keras");
        }
    }

    @Test
    void keras3BatchNormModelLoadsWithItsStatisticsFromBothFormats() {
        Path dir = SavingTestData.kerasFiles();
        for (String file : new String[] {"bn.keras", "bn.h5"}) {
            try (Model model = Keras3FilesTest.loadQuietly(dir.resolve(file))) {
                assertThat(model.layers()).extracting(Layer::className).containsExactly("Flatten", "Normalization", "Dense",
                        "BatchNormalization", "Activation", "AlphaDropout", "Dense");
                // moving_mean moved away from its zeros in training; Normalization's variance is not all ones
                assertThat(model.layers().get(3).getWeights().get(2)).isNotEqualTo(new float[64]);
                assertThat(model.layers().get(1).getWeights()).hasSize(3);
                Keras3FilesTest.matches(model, dir.resolve("bn.probabilities.npy"), "Keras 3 " + file);
            }
        }
    }

    @Test
    void keras3FunctionalGlobalPoolingModelMatchesPython() {
        Path dir = SavingTestData.kerasFiles();
        try (Model model = Keras3FilesTest.loadQuietly(dir.resolve("gap.keras"))) {
            assertThat(model.layers()).extracting(Layer::className).containsExactly("Conv2D", "BatchNormalization",
                    "GlobalMaxPooling2D", "Rescaling", "Dense");
            NpyArray expected = Npy.read(dir.resolve("gap.probabilities.npy"));
            float[][] actual = model.predict(SavingTestData.data().test().withChannelAxis().scaled());
            double max = SavingTestData.maxAbsDifference(actual, expected.toFloats(), 10);
            System.out.printf("Keras 3 gap.keras in Java: max|d| %.3e over 10000x10 outputs%n", max);
            assertThat(max).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void javaSavedCnnOpensInKeras3AndMatchesJava() throws Exception {
        javaSavedModelOpensInKeras3(FashionMnistModels.CNN);
    }

    @Test
    void javaSavedDnnBnOpensInKeras3AndMatchesJava() throws Exception {
        javaSavedModelOpensInKeras3(FashionMnistModels.DNN_BN);
    }

    @Test
    void javaSavedNormalizedOpensInKeras3AndMatchesJava() throws Exception {
        javaSavedModelOpensInKeras3(FashionMnistModels.NORMALIZED);
    }

    private static void javaSavedModelOpensInKeras3(FashionMnistModels variant) throws Exception {
        PythonKeras.require();
        Path dir = PythonKeras.repoRoot().resolve("target").resolve("keras-files-java");
        Files.createDirectories(dir);
        Path file = dir.resolve(variant.id() + ".keras");
        Path npy = dir.resolve(variant.id() + ".python.npy");
        Dataset train = variant.shape(SavingTestData.data().train().slice(0, 1000));
        FloatSamples test = variant.shape(SavingTestData.data().test()).scaled();
        try (Sequential model = variant.build(5, variant.adaptsOnTrainingData() ? train.scaled() : null)) {
            model.fit(train.scaled(), train.labels(), FitOptions.defaults().epochs(1).verbose(0));
            KerasFiles.save(model, file, true);
            float[][] javaOutputs = model.predict(test);
            try (Model loaded = Keras3FilesTest.loadQuietly(file)) {
                FloatSamples first = variant.shape(SavingTestData.data().test().slice(0, 500)).scaled();
                assertThat(loaded.predict(first)).isDeepEqualTo(model.predict(first));
                assertThat(loaded.getWeights()).usingRecursiveComparison().isEqualTo(model.getWeights());
                assertThat(loaded.compileConfig().optimizer()).isEqualTo(model.compileConfig().optimizer());
            }
            String out = PythonKeras.run(300, Map.of(), "predict_keras_file.py", file.toString(), npy.toString());
            JsonNode report = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
            assertThat(report.get("class").asText()).isEqualTo("Sequential");
            assertThat(report.get("iterations").asInt()).isEqualTo(32); // ceil(1000 / 32) steps went across
            assertThat(report.get("weights").size()).isEqualTo(model.getWeights().size());
            double max = SavingTestData.maxAbsDifference(javaOutputs, Npy.read(npy).toFloats(), 10);
            System.out.printf("Java-saved %s.keras in Keras 3: max|d| %.3e over 10000x10 outputs; evaluate Python %s%n",
                    variant.id(), max, report.get("evaluate"));
            assertThat(max).isLessThanOrEqualTo(1e-6);
        }
    }
}
