package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom layer both ways between KerasJ and Keras 3 (python-reference/custom_layer_interop.py holds the Python twin
 * of {@link ScaledDense}, registered as {@code MyLayers>ScaledDense}): Java loads Keras's {@code .keras} and
 * {@code .h5} files of the twin and predicts as Keras; Keras loads Java's {@code .keras} file (safe_mode) and predicts
 * as Java; the layer's entry Java writes is Keras's but for {@code module} (the Java package; Keras writes the Python
 * module, and finds a registered class by its {@code registered_name}).
 */
@Tag("python")
@Tag("slow")
class CustomLayerInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    @BeforeAll
    static void register() {
        ScaledDense.register();
    }

    @Test
    void keras3AndKerasJLoadEachOthersFilesOfARegisteredLayer() throws IOException {
        PythonKeras.require();
        Path python = tmp.resolve("python");
        PythonKeras.run(300, Map.of(), "custom_layer_interop.py", "make", python.toString());
        NpyArray inputs = Npz.read(python.resolve("inputs.npz")).get("x");
        float[] expected = Npz.read(python.resolve("outputs.npz")).get("y").toFloats();
        FloatSamples x = FloatSamples.of(inputs.toFloats(), 4);

        for (String name : new String[] {"twin.keras", "twin.h5"}) {
            try (Model model = KerasFiles.load(python.resolve(name))) {
                assertThat(model.getLayer("scaled_dense")).as(name).isInstanceOf(ScaledDense.class);
                double max = maxDifference(flatten(model.predict(x)), expected);
                System.out.printf("%-12s Java vs Keras 3: max|d| %.2e%n", name, max);
                assertThat(max).as(name).isLessThanOrEqualTo(TOLERANCE);
            }
        }

        Naming.clearSession();
        Path javaFile = tmp.resolve("java.keras");
        float[] javaOutputs;
        Input input = new Input(4);
        try (Model model = new Model(input, new Dense(2).apply(new ScaledDense(3, 0.5f).apply(input))).seed(21)) {
            javaOutputs = flatten(model.predict(x));
            model.save(javaFile);
        }
        Path checked = tmp.resolve("checked");
        JsonNode report = JSON.readTree(PythonKeras.run(300, Map.of(), "custom_layer_interop.py", "check", javaFile.toString(),
                python.resolve("inputs.npz").toString(), checked.toString()).lines().reduce((a, b) -> b).orElse("{}"));
        assertThat(report.get("layer_class").asText()).isEqualTo("ScaledDense");
        assertThat(report.get("registered_name").asText()).isEqualTo("MyLayers>ScaledDense");
        double max = maxDifference(Npz.read(checked.resolve("java_in_keras.npz")).get("y").toFloats(), javaOutputs);
        System.out.printf("%-12s Keras 3 vs Java: max|d| %.2e%n", "java.keras", max);
        assertThat(max).isLessThanOrEqualTo(TOLERANCE);

        ObjectNode kerasEntry = (ObjectNode) JSON.readTree(python.resolve("twin.entry.json").toFile());
        ObjectNode javaEntry = (ObjectNode) CustomLayerFilesTest.layerEntry(javaFile, "scaled_dense");
        ObjectNode resaved = (ObjectNode) JSON.readTree(checked.resolve("resaved.entry.json").toFile());
        System.out.println("Keras 3 wrote: " + kerasEntry);
        System.out.println("KerasJ wrote:  " + javaEntry);
        assertThat(javaEntry.get("module").asText()).isEqualTo(ScaledDense.class.getPackageName());
        for (String key : new String[] {"class_name", "registered_name", "config", "build_config"}) {
            assertThat(javaEntry.get(key)).as(key + " as Keras 3 writes it").isEqualTo(kerasEntry.get(key));
            assertThat(resaved.get(key)).as(key + " of Java's layer once Keras 3 loaded it").isEqualTo(kerasEntry.get(key));
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * rows[0].length, rows[0].length);
        }
        return out;
    }

    private static double maxDifference(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
