package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Java -> Python: the notebook's model, trained briefly in KerasJ and exported with {@code model.save}, is loaded
 * by Python TensorFlow through {@code tf.saved_model.load} and {@code keras.layers.TFSMLayer}
 * ({@code python-reference/java_to_python.py}), which reproduces Java's outputs on all 10,000 test images; and
 * {@code check_java_export.py} accepts the committed {@code saved_models/fashion_mnist_mlp} against its JSON.
 */
@Tag("python")
class JavaToPythonParityTest {

    @Test
    void pythonLoadsTheJavaExportAndReproducesJavasOutputs() throws Exception {
        PythonKeras.require();
        Path root = PythonReferences.ROOT.resolve("java-export");
        ReferenceArrays.Writer out = new ReferenceArrays.Writer(root);
        float[] flat;
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(28, 28));
            model.add(new Dense(300, "relu"));
            model.add(new Dense(100, "relu"));
            model.add(new Dense(10, "softmax"));
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            int[] subset = IntStream.range(5000, 15000).toArray();   // one short epoch: trained, not random weights
            FloatSamples x = ParityData.trainImages(subset);
            model.fit(x, ParityData.trainLabels(subset), FitOptions.defaults().epochs(1).verbose(0));
            float[][] outputs = model.predict(ParityData.testImages());
            flat = new float[outputs.length * 10];
            for (int i = 0; i < outputs.length; i++) {
                System.arraycopy(outputs[i], 0, flat, i * 10, 10);
            }
            out.floats("java_outputs", flat, outputs.length, 10);
            out.finish();
            model.save(root.resolve("saved_model"));
        }
        String report = PythonKeras.run(300, Map.of(), "java_to_python.py",
                root.resolve("saved_model").toString(), root.resolve("java_outputs.f32").toString(), "--tolerance", "1e-6");
        JsonNode r = new ObjectMapper().readTree(report.lines().reduce((a, b) -> b).orElse("{}"));
        System.out.printf("Java -> Python: tf.saved_model.load max|d| %.2e, TFSMLayer max|d| %.2e, argmax equal %s, accuracy %.4f (Java %.4f)%n",
                r.path("saved_model_load").asDouble(), r.path("tfsm_layer").asDouble(), r.path("argmax_equal").asBoolean(),
                r.path("accuracy_python").asDouble(), r.path("accuracy_java").asDouble());
        assertThat(r.path("images").asInt()).isEqualTo(10000);
        assertThat(r.path("saved_model_load").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(r.path("tfsm_layer").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(r.path("argmax_equal").asBoolean()).isTrue();
        assertThat(r.path("accuracy_python").asDouble()).isEqualTo(r.path("accuracy_java").asDouble());
    }

    @Test
    void pythonChecksTheCommittedNotebookExportAgainstItsJson() {
        PythonKeras.require();
        Path export = PythonKeras.repoRoot().resolve("saved_models/fashion_mnist_mlp");
        String out = PythonKeras.run(300, Map.of(), "check_java_export.py", export.toString());
        System.out.println("check_java_export.py: " + out.lines().reduce((a, b) -> b).orElse(""));
        assertThat(out).contains("accuracy over 10000: 0.865000");
    }
}
