package io.kerasj.saving.keras;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.KerasJException;
import io.kerasj.data.Dataset;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Layer;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import io.kerasj.optimizers.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model.save('m.keras')} from Java: KerasJ and Keras 3 load it back with the same outputs. */
class KerasSaveTest {
    @TempDir
    Path tmp;

    private static Sequential trainedAdamModel() {
        Sequential model = new Sequential("java_mlp", 3);
        model.add(new Flatten(28, 28));
        model.add(new Dense(32, "relu"));
        model.add(new Dropout(0.1));
        model.add(new Dense(10, "softmax"));
        model.compile(new io.kerasj.losses.SparseCategoricalCrossentropy(), new Adam(0.002), "accuracy");
        Dataset train = SavingTestData.data().train().slice(0, 3000);
        model.fit(train.scaled(), train.labels(), FitOptions.defaults().epochs(1).verbose(0));
        return model;
    }

    @Test
    void javaSaveLoadsBackInJavaWithTheSameOutputsAndSettings() {
        Path file = tmp.resolve("m.keras");
        try (Sequential model = trainedAdamModel()) {
            model.save(file);
            float[][] before = model.predict(SavingTestData.testImages());
            try (io.kerasj.models.Model loaded = Keras3FilesTest.loadQuietly(file)) {
                assertThat(loaded.name()).isEqualTo("java_mlp");
                assertThat(loaded.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dropout", "dense_1");
                assertThat(loaded.compileConfig().loss()).isEqualTo(model.compileConfig().loss());
                assertThat(loaded.compileConfig().optimizer()).isEqualTo(model.compileConfig().optimizer());
                assertThat(loaded.compileConfig().metricNames()).isEqualTo(model.compileConfig().metricNames());
                float[][] after = loaded.predict(SavingTestData.testImages());
                assertThat(after).isDeepEqualTo(before);
                List<float[]> state = model.getOptimizerState();
                assertThat(state).hasSize(2 * 4 + 1);
                assertThat(loaded.getOptimizerState()).usingRecursiveComparison().isEqualTo(state);
                assertThat(state.get(state.size() - 1)[0]).isEqualTo(94f); // ceil(3000 / 32) Adam steps
            }
        }
    }

    @Test
    void saveRefusesToReplaceAFileUnlessAsked() throws Exception {
        Path file = tmp.resolve("mine.keras");
        Files.writeString(file, "the user's file");
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(4));
            model.add(new Dense(2, "softmax"));
            assertThatThrownBy(() -> KerasFiles.save(model, file, false)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("already exists; pass overwrite=true").hasMessageNotContaining("--");
            assertThat(Files.readString(file)).isEqualTo("the user's file");
            assertThatThrownBy(() -> KerasFiles.save(model, tmp.resolve("m.zip"), false))
                    .hasMessageContaining("expected a file name ending in .keras");
            assertThatThrownBy(() -> KerasFiles.save(model, file, true)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("is not a KerasJ output").hasMessageContaining("refusing to replace it");
            assertThat(Files.readString(file)).isEqualTo("the user's file");
            Files.delete(file);
            KerasFiles.save(model, file, false);
            model.setWeights(List.of(new float[8], new float[2]));
            KerasFiles.save(model, file, true);
            try (io.kerasj.models.Model loaded = Keras3FilesTest.loadQuietly(file)) {
                assertThat(loaded.getWeights()).hasSize(2);
                assertThat(loaded.getWeights().get(0)).isEqualTo(model.getWeights().get(0));
            }
            try (var listing = Files.list(tmp)) {
                assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("mine.keras");
            }
        }
    }

    @Test
    @Tag("python")
    void javaSaveOpensInKeras3AndReproducesJavasOutputsOnAllTestImages() throws Exception {
        PythonKeras.require();
        Path dir = PythonKeras.repoRoot().resolve("target").resolve("keras-files-java");
        Files.createDirectories(dir);
        Path file = dir.resolve("java_mlp.keras");
        Path npy = dir.resolve("java_mlp.python.npy");
        try (Sequential model = trainedAdamModel()) {
            KerasFiles.save(model, file, true);
            float[][] javaOutputs = model.predict(SavingTestData.testImages());
            double[] javaEval = model.evaluate(SavingTestData.testImages(), SavingTestData.testLabels(), 0,
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            String out = PythonKeras.run(300, Map.of(), "predict_keras_file.py", file.toString(), npy.toString());
            JsonNode report = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
            assertThat(report.get("class").asText()).isEqualTo("Sequential");
            assertThat(report.get("optimizer").asText()).isEqualTo("Adam");
            assertThat(report.get("learning_rate").asDouble()).isEqualTo(0.002, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(report.get("iterations").asInt()).isEqualTo(94); // Java's Adam state went across
            NpyArray python = Npy.read(npy);
            double max = SavingTestData.maxAbsDifference(javaOutputs, python.toFloats(), 10);
            System.out.printf("Java-saved .keras in Keras 3: max|d| %.3e over 10000x10 outputs; evaluate Python %s, Java [%.7f, %.4f]%n",
                    max, report.get("evaluate"), javaEval[0], javaEval[1]);
            assertThat(max).isLessThanOrEqualTo(1e-6);
            assertThat(report.get("evaluate").get(1).asDouble()).isEqualTo(javaEval[1], org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    private static Sequential modelWithChosenInitializers() {
        Sequential model = new Sequential("initializers", 4);
        model.add(new Flatten(28, 28));
        model.add(new Dense(16, "selu").kernelInitializer("lecun_normal"));
        model.add(new Dense(8, "relu").kernelInitializer(io.kerasj.initializers.Initializers.randomUniform(-0.1, 0.1)).biasInitializer("ones"));
        model.add(new Dense(10, "softmax"));
        model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
        return model;
    }

    @Test
    void eachLayersInitializerIsSavedAndLoadedBack() {
        Path file = tmp.resolve("initializers.keras");
        try (Sequential model = modelWithChosenInitializers()) {
            model.save(file);
        }
        try (io.kerasj.models.Model loaded = KerasFiles.load(file)) {
            List<String> names = loaded.layers().stream().filter(l -> l instanceof Dense)
                    .map(l -> ((Dense) l).kernelInitializer().config().className() + "/" + ((Dense) l).biasInitializer().config().className())
                    .toList();
            assertThat(names).containsExactly("LecunNormal/Zeros", "RandomUniform/Ones", "GlorotUniform/Zeros");
            assertThat(((Dense) loaded.layers().get(2)).kernelInitializer().config().config()).containsEntry("minval", -0.1);
        }
    }

    @Test
    @Tag("python")
    void keras3ReadsEachLayersInitializerFromAJavaSave() throws Exception {
        PythonKeras.require();
        Path dir = PythonKeras.repoRoot().resolve("target").resolve("keras-files-java");
        Files.createDirectories(dir);
        Path file = dir.resolve("java_initializers.keras");
        try (Sequential model = modelWithChosenInitializers()) {
            KerasFiles.save(model, file, true);
        }
        String out = PythonKeras.run(300, Map.of(), "predict_keras_file.py", file.toString(), dir.resolve("java_initializers.npy").toString());
        JsonNode initializers = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow()).get("initializers");
        System.out.println("Keras 3's initializers of a Java-saved .keras: " + initializers);
        assertThat(initializers.at("/dense/kernel/0").asText()).isEqualTo("LecunNormal");
        assertThat(initializers.at("/dense_1/kernel/0").asText()).isEqualTo("RandomUniform");
        assertThat(initializers.at("/dense_1/kernel/1/minval").asDouble()).isEqualTo(-0.1);
        assertThat(initializers.at("/dense_1/kernel/1/maxval").asDouble()).isEqualTo(0.1);
        assertThat(initializers.at("/dense_1/bias/0").asText()).isEqualTo("Ones");
        assertThat(initializers.at("/dense_2/kernel/0").asText()).isEqualTo("GlorotUniform");
        assertThat(initializers.at("/dense_2/bias/0").asText()).isEqualTo("Zeros");
    }

    @Test
    void theCurrentLearningRateIsSavedAndLoadedBackAsKerasDoes() throws Exception {
        Path file = tmp.resolve("scheduled.keras");
        try (Sequential model = trainedAdamModel()) {
            model.setLearningRate(0.0005); // as a scheduler or ReduceLROnPlateau leaves it
            model.save(file);
        }
        try (io.kerasj.models.Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.learningRate()).isCloseTo(0.0005, org.assertj.core.api.Assertions.within(1e-10));
        }
    }
}
