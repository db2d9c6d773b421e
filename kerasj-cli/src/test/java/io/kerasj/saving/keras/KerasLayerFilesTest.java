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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
            // a functional model's layers start with its InputLayer, as Keras's model.layers do
            assertThat(model.layers()).extracting(Layer::className).containsExactly("InputLayer", "Conv2D", "BatchNormalization",
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
        JavaSaved saved = javaSaved().get(variant);
        JsonNode report = saved.report();
        assertThat(report.get("class").asText()).isEqualTo("Sequential");
        assertThat(report.get("iterations").asInt()).isEqualTo(32); // ceil(1000 / 32) steps went across
        assertThat(report.get("weights").size()).isEqualTo(saved.weightCount());
        double max = SavingTestData.maxAbsDifference(saved.javaOutputs(), Npy.read(saved.pythonOutputs()).toFloats(), 10);
        System.out.printf("Java-saved %s.keras in Keras 3: max|d| %.3e over 10000x10 outputs; evaluate Python %s%n",
                variant.id(), max, report.get("evaluate"));
        assertThat(max).isLessThanOrEqualTo(1e-6);
    }

    /** A model Java trained and saved, what it gave on the test images, and what Keras 3 made of the file. */
    private record JavaSaved(float[][] javaOutputs, int weightCount, Path pythonOutputs, JsonNode report) {
    }

    private static Map<FashionMnistModels, JavaSaved> javaSaved;

    /**
     * The cnn, dnn-bn and normalized models trained 1 epoch on 1,000 images and saved by Java (each read back in
     * Java first), then opened by one Keras 3 process for the three files (TensorFlow imported once).
     */
    private static synchronized Map<FashionMnistModels, JavaSaved> javaSaved() throws Exception {
        PythonKeras.require();
        if (javaSaved == null) {
            Path dir = PythonKeras.repoRoot().resolve("target").resolve("keras-files-java");
            Files.createDirectories(dir);
            List<FashionMnistModels> variants = List.of(FashionMnistModels.CNN, FashionMnistModels.DNN_BN, FashionMnistModels.NORMALIZED);
            Map<FashionMnistModels, float[][]> outputs = new EnumMap<>(FashionMnistModels.class);
            Map<FashionMnistModels, Integer> weightCounts = new EnumMap<>(FashionMnistModels.class);
            List<String> args = new ArrayList<>();
            for (FashionMnistModels variant : variants) {
                Path file = dir.resolve(variant.id() + ".keras");
                Dataset train = variant.shape(SavingTestData.data().train().slice(0, 1000));
                FloatSamples test = variant.shape(SavingTestData.data().test()).scaled();
                try (Sequential model = variant.build(5, variant.adaptsOnTrainingData() ? train.scaled() : null)) {
                    model.fit(train.scaled(), train.labels(), FitOptions.defaults().epochs(1).verbose(0));
                    KerasFiles.save(model, file, true);
                    outputs.put(variant, model.predict(test));
                    weightCounts.put(variant, model.getWeights().size());
                    try (Model loaded = Keras3FilesTest.loadQuietly(file)) {
                        FloatSamples first = variant.shape(SavingTestData.data().test().slice(0, 500)).scaled();
                        assertThat(loaded.predict(first)).as(variant.id()).isDeepEqualTo(model.predict(first));
                        assertThat(loaded.getWeights()).as(variant.id()).usingRecursiveComparison().isEqualTo(model.getWeights());
                        assertThat(loaded.compileConfig().optimizer()).as(variant.id()).isEqualTo(model.compileConfig().optimizer());
                    }
                }
                args.add(file.toString());
                args.add(dir.resolve(variant.id() + ".python.npy").toString());
            }
            List<String> lines = PythonKeras.run(600, Map.of(), "predict_keras_file.py", args.toArray(String[]::new)).lines()
                    .filter(line -> line.startsWith("{")).toList();
            assertThat(lines).as("predict_keras_file.py: one report per file").hasSize(variants.size());
            Map<FashionMnistModels, JavaSaved> saved = new EnumMap<>(FashionMnistModels.class);
            for (int i = 0; i < variants.size(); i++) {
                FashionMnistModels variant = variants.get(i);
                saved.put(variant, new JavaSaved(outputs.get(variant), weightCounts.get(variant),
                        dir.resolve(variant.id() + ".python.npy"), new ObjectMapper().readTree(lines.get(i))));
            }
            javaSaved = saved;
        }
        return javaSaved;
    }
}
