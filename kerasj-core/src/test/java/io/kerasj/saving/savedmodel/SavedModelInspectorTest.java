package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved_model_cli-like description. */
class SavedModelInspectorTest {
    @TempDir
    Path tmp;

    @Test
    void describesKeras212LikeSavedModelCli() {
        String text = SavedModelInspector.inspect(ReferenceModels.dir(ReferenceModels.KERAS212));
        assertThat(text).startsWith("MetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:\n");
        assertThat(text).contains("""
                signature_def['serving_default']:
                  The given SavedModel SignatureDef contains the following input(s):
                    inputs['input_1'] tensor_info:
                        dtype: DT_FLOAT
                        shape: (-1, 28, 28)
                        name: serving_default_input_1:0
                  The given SavedModel SignatureDef contains the following output(s):
                    outputs['dense_2'] tensor_info:
                        dtype: DT_FLOAT
                        shape: (-1, 10)
                        name: StatefulPartitionedCall:0
                  Method name is: tensorflow/serving/predict
                """);
        assertThat(text).doesNotContain("__saved_model_init_op"); // TensorFlow's internal initializer, not an entry point
        assertThat(text).contains("Concrete Functions:", "Function Name: '__call__'",
                "input_1: TensorSpec(shape=(None, 28, 28), dtype=tf.float32, name='input_1')");
        assertThat(text).contains("Written by: TensorFlow 2.12.0, Keras 2.12.0");
        assertThat(text).containsPattern("dense/kernel +DT_FLOAT  \\(784, 300\\)");
        assertThat(text).contains("dense_2/bias       DT_FLOAT  (10,)");
        assertThat(text).contains("Op safety (tag-set 'serve'): safe:");
    }

    @Test
    void describesKeras214AndAnUnsafeModel() throws Exception {
        String text = SavedModelInspector.inspect(ReferenceModels.dir(ReferenceModels.KERAS214));
        assertThat(text).contains("inputs['flatten_4_input']", "outputs['dense_14']", "TensorFlow 2.14.0, Keras 2.14.0",
                "Op safety (tag-set 'serve'): safe:");
        String unsafe = SavedModelInspector.inspect(TinyModels.readsFile(tmp.resolve("m")));
        assertThat(unsafe).contains("inputs['x']", "Op safety (tag-set 'serve'): UNSAFE: ReadFile");
        assertThat(unsafe).doesNotContain("Concrete Functions:");
    }
}
