package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python → Java: Keras 3's {@code model.export()} of two named inputs (one int32) and two named outputs
 * (python-reference/make_named_io_export.py) runs in KerasJ by name, each output as TensorFlow gave it in Python.
 */
@Tag("python")
@Tag("slow")
class Keras3NamedExportTest {
    @TempDir
    Path tmp;

    @Test
    void keras3sNamedInputsAndOutputsRunByName() {
        PythonKeras.require();
        PythonKeras.run(300, Map.of(), "make_named_io_export.py", tmp.toString());
        Map<String, FloatSamples> inputs = new LinkedHashMap<>();
        Npz.read(tmp.resolve("inputs.npz")).forEach((name, array) -> inputs.put(name, samples(array)));
        Map<String, NpyArray> expected = Npz.read(tmp.resolve("outputs.npz"));
        try (KerasSavedModel model = KerasSavedModel.load(tmp.resolve("model"))) {
            assertThat(model.signature().inputs().get("deep_input").dtype()).isEqualTo("DT_INT32");
            Map<String, FloatSamples> got = model.predictAll("serving_default", inputs);
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((name, array) -> {
                float[] want = array.toFloats();
                float[] actual = got.get(name).unsafeValues();
                assertThat(got.get(name).shape()).containsExactly(array.shape());
                for (int i = 0; i < want.length; i++) {
                    assertThat(actual[i]).as(name + "[" + i + "]").isCloseTo(want[i], within(1e-5f));
                }
            });
        }
    }

    private static FloatSamples samples(NpyArray array) {
        long[] shape = array.shape();
        int[] sample = new int[shape.length - 1];
        for (int d = 1; d < shape.length; d++) {
            sample[d - 1] = (int) shape[d];
        }
        return FloatSamples.of(array.toFloats(), sample);
    }
}
