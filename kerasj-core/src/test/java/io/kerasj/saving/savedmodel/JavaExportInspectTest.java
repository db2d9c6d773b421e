package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector and the loader on a SavedModel written by KerasJ (TF1-style: no object graph, no keras_metadata.pb). */
class JavaExportInspectTest {
    @TempDir
    static Path tmp;

    static Path dir;
    static float[][] expected;
    static FloatSamples x;

    @BeforeAll
    static void export() {
        dir = tmp.resolve("notebook");
        float[] values = new float[2 * 28 * 28];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37 % 255) / 255f;
        }
        x = FloatSamples.of(values, 28, 28);
        try (Sequential model = new Sequential(11)) {
            model.add(new Flatten(28, 28));
            model.add(new Dense(300, "relu"));
            model.add(new Dense(100, "relu"));
            model.add(new Dense(10, "softmax"));
            expected = model.predict(x);
            SavedModelExport.export(model, dir, false);
        }
    }

    @Test
    void inspectorDescribesTheExport() {
        String text = SavedModelInspector.inspect(dir);
        assertThat(text).startsWith("MetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:\n");
        assertThat(text).contains("""
                    inputs['flatten_input'] tensor_info:
                        dtype: DT_FLOAT
                        shape: (-1, 28, 28)
                """, """
                    outputs['dense_2'] tensor_info:
                        dtype: DT_FLOAT
                        shape: (-1, 10)
                """, "Method name is: tensorflow/serving/predict");
        assertThat(text).doesNotContain("Concrete Functions:", "keras_metadata.pb:");
        assertThat(text).containsPattern("dense/kernel +DT_FLOAT  \\(784, 300\\)");
        assertThat(text).containsPattern("dense_2/bias +DT_FLOAT  \\(10,\\)");
        assertThat(text).contains("Written by: TensorFlow " + org.tensorflow.TensorFlow.version() + "\n  Keras architecture: none (no keras_metadata.pb; the signatures still run)\n");
        assertThat(text).contains("Variables (6):", "Op safety (tag-set 'serve'): safe:");
    }

    @Test
    void loaderReadsSignatureVariablesAndPredictsTheSame() {
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            assertThat(m.safetyReport().safe()).isTrue();
            assertThat(m.signature().inputs()).containsOnlyKeys("flatten_input");
            assertThat(m.signature().inputs().get("flatten_input").shape()).containsExactly(-1L, 28L, 28L);
            assertThat(m.signature().outputs()).containsOnlyKeys("dense_2");
            assertThat(m.signature().outputs().get("dense_2").shape()).containsExactly(-1L, 10L);
            assertThat(m.kerasVersion()).isEmpty();
            assertThat(m.outputIsProbabilities()).isTrue();
            assertThat(m.readVariable("dense_1/kernel").shape()).containsExactly(300, 100);
            assertThat(KerasModelImportTest.maxAbsDifference(expected, m.predict(x))).isLessThanOrEqualTo(1e-6);
            assertThatThrownBy(m::architecture).isInstanceOf(SavedModelException.class)
                    .hasMessage(dir + " has no keras_metadata.pb: expected a Keras (2.x) SavedModel to read the architecture from");
        }
    }
}
