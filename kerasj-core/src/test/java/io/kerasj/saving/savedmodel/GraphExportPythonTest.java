package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java → Python: TensorFlow loads Java's SavedModel of two named inputs (one int32) and two named outputs, and its
 * {@code serving_default} gives, output by output, what the model gave in Java (python-reference/check_java_named_export.py).
 */
@Tag("python")
@Tag("slow")
class GraphExportPythonTest {
    @TempDir
    Path tmp;

    @Test
    void tensorFlowServesJavasOutputsByName() throws Exception {
        PythonKeras.require();
        Naming.clearSession();
        FloatSamples wide = GraphExportTest.floats(23, 5, 11);
        FloatSamples deep = GraphExportTest.ints(23, 3, 12);
        Map<String, NpyArray> outputs = new LinkedHashMap<>();
        try (Model model = GraphExportTest.twoInTwoOut()) {
            model.predictByName(Map.of("wide_input", wide, "deep_input", deep)).forEach((name, rows) ->
                    outputs.put(name, NpyArray.ofFloat32(flat(rows), rows.length, rows[0].length)));
            model.save(tmp.resolve("model"));
        }
        int[] ids = new int[deep.unsafeValues().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) deep.unsafeValues()[i];
        }
        Npz.write(tmp.resolve("inputs.npz"), Map.of("wide_input", NpyArray.ofFloat32(wide.toArray(), 23, 5),
                "deep_input", NpyArray.ofInt32(ids, 23, 3)), false);
        Npz.write(tmp.resolve("outputs.npz"), outputs, false);
        String out = PythonKeras.run(300, Map.of(), "check_java_named_export.py", tmp.resolve("model").toString(),
                tmp.resolve("inputs.npz").toString(), tmp.resolve("outputs.npz").toString(), "--tol", "1e-5");
        assertThat(out).contains("input deep_input int32 [None, 3]", "input wide_input float32 [None, 5]",
                "output aux_output [23, 1]", "output output [23, 2]", "OK: TensorFlow");
    }

    static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
        }
        return out;
    }
}
