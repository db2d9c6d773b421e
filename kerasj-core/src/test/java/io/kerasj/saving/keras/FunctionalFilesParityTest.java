package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.engine.CompileConfig;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonArtifacts;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's files both ways for graph models (python-reference/make_functional_models.py: several inputs and outputs,
 * merges, shared layers, nested models, feature extraction, an int32 input): each model's {@code .keras} and
 * {@code .h5} load in Java and give Keras's outputs; each is saved again from Java as {@code .keras}, and Keras 3 loads
 * that file (safe_mode) and gives Java's outputs. One Python process makes the models, one checks all Java files.
 */
@Tag("python")
@Tag("slow")
class FunctionalFilesParityTest {
    private static final double TOLERANCE = 1e-5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyGraphModelLoadsFromBothFormatsAndKeras3LoadsWhatJavaSaves() throws IOException {
        Path dir = PythonArtifacts.functionalModels();
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.size()).isGreaterThanOrEqualTo(12);
        List<List<String>> jobs = new ArrayList<>();
        Map<String, Map<String, float[][]>> javaOutputs = new LinkedHashMap<>();
        Map<String, CompileConfig> compiled = new LinkedHashMap<>();
        for (var it = summary.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Map<String, NpyArray> inputs = Npz.read(dir.resolve(name + ".inputs.npz"));
            Map<String, NpyArray> expected = Npz.read(dir.resolve(name + ".outputs.npz"));
            List<Path> files = new ArrayList<>(List.of(dir.resolve(name + ".keras")));
            if (summary.get(name).get("h5").asBoolean()) {
                files.add(dir.resolve(name + ".h5"));
            }
            for (Path file : files) {
                List<String> warnings = new ArrayList<>();
                try (Model model = KerasFiles.load(file, 1, warnings::add)) {
                    assertThat(model.name()).isEqualTo(name);
                    assertThat(model.className()).isEqualTo(summary.get(name).get("class").asText());
                    Map<String, float[][]> outputs = predict(model, inputs);
                    double max = maxDifference(file.getFileName().toString(), outputs, expected);
                    System.out.printf("%-28s Java vs Keras 3: max|d| %.2e%n", file.getFileName(), max);
                    if (file.toString().endsWith(".keras")) {
                        assertThat(warnings).as(file + " warnings").isEmpty();
                        Path saved = tmp.resolve(name + ".keras");
                        KerasFiles.save(model, saved, false);
                        jobs.add(List.of(saved.toString(), dir.resolve(name + ".inputs.npz").toString(), tmp.resolve(name + ".keras3.npz").toString()));
                        javaOutputs.put(name, outputs);
                        if (model.compileConfig() != null) {
                            compiled.put(name, model.compileConfig());
                        }
                        try (Model again = KerasFiles.load(saved, 2, warnings::add)) {
                            assertThat(warnings).as(saved + " warnings").isEmpty();
                            maxDifference(saved + " loaded in Java", predict(again, inputs), toArrays(outputs));
                            sameCompileSettings(name, model.compileConfig(), again.compileConfig());
                        }
                    }
                }
            }
        }
        assertThat(compiled).as("multi_output is compiled with two losses, loss weights and metrics per output").containsKey("multi_output");
        CompileConfig multi = compiled.get("multi_output");
        assertThat(multi.outputs()).extracting(CompileConfig.OutputConfig::lossWeight).containsExactly(0.9, 0.1);
        assertThat(multi.metricNames()).containsExactly("output_loss", "aux_output_loss", "output_mae", "aux_output_mae");

        Path jobsFile = tmp.resolve("jobs.json");
        JSON.writeValue(jobsFile.toFile(), jobs);
        JsonNode report = JSON.readTree(PythonKeras.run(600, Map.of(), "check_java_functional.py", "--batch", jobsFile.toString()));
        for (List<String> job : jobs) {
            String name = Path.of(job.get(0)).getFileName().toString().replace(".keras", "");
            JsonNode result = report.get(job.get(0));
            assertThat(result.get("ok").asBoolean()).as(name + ": " + result).isTrue();
            if (compiled.containsKey(name)) {
                assertThat(result.path("compiled").asBoolean()).as(name + " compiled by Keras 3: " + result).isTrue();
            }
            double max = maxDifference(name + ".keras saved by Java, in Keras 3", javaOutputs.get(name), Npz.read(Path.of(job.get(2))));
            System.out.printf("%-28s Keras 3 on Java's file vs Java: max|d| %.2e%n", name, max);
        }
    }

    @Test
    void keras2ListFormOfTheSameGraphsLoadsToTheSameOutputs() throws IOException {
        Path dir = PythonArtifacts.functionalModels();
        for (String name : List.of("multi_output", "siamese", "merges", "nested_functional")) {
            Path keras2 = Keras2Form.rewrite(dir.resolve(name + ".h5"), tmp.resolve(name + ".keras2.h5"));
            try (Model model = KerasFiles.load(keras2, 1, w -> { })) {
                double max = maxDifference(name + " in Keras 2's list form", predict(model, Npz.read(dir.resolve(name + ".inputs.npz"))),
                        Npz.read(dir.resolve(name + ".outputs.npz")));
                System.out.printf("%-28s Java vs Keras 3: max|d| %.2e%n", keras2.getFileName(), max);
            }
        }
    }

    private static void sameCompileSettings(String name, CompileConfig before, CompileConfig after) {
        if (before == null) {
            assertThat(after).as(name).isNull();
            return;
        }
        assertThat(after).as(name + " compiled after Java's save").isNotNull();
        assertThat(CompileSettings.write(after, 1e-3)).as(name).isEqualTo(CompileSettings.write(before, 1e-3));
    }

    /** The inputs by the model's input names (a Sequential's one input by position), outputs by output name. */
    private static Map<String, float[][]> predict(Model model, Map<String, NpyArray> inputs) {
        List<FloatSamples> x = new ArrayList<>();
        List<String> names = model.inputNames();
        for (String input : names) {
            NpyArray a = names.size() == 1 && (model instanceof Sequential || !inputs.containsKey(input))
                    ? inputs.values().iterator().next() : inputs.get(input);
            assertThat(a).as("input " + input + " of " + model.name()).isNotNull();
            long[] shape = a.shape();
            int[] sample = Arrays.stream(shape, 1, shape.length).mapToInt(d -> (int) d).toArray();
            x.add(FloatSamples.of(a.toFloats(), sample));
        }
        List<float[][]> predicted = model.predict(x);
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            out.put(model.outputNames().get(i), predicted.get(i));
        }
        return out;
    }

    private static Map<String, NpyArray> toArrays(Map<String, float[][]> outputs) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        outputs.forEach((k, rows) -> {
            float[] flat = new float[rows.length * rows[0].length];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
            }
            out.put(k, NpyArray.ofFloat32(flat, rows.length, rows[0].length));
        });
        return out;
    }

    /** @return the largest difference, each output matched by name (by position for one output); at most 1e-5 */
    private static double maxDifference(String label, Map<String, float[][]> actual, Map<String, NpyArray> expected) {
        assertThat(actual).as(label + " outputs").hasSameSizeAs(expected);
        double max = 0;
        List<String> keys = new ArrayList<>(expected.keySet());
        List<String> names = new ArrayList<>(actual.keySet());
        for (int i = 0; i < names.size(); i++) {
            NpyArray e = actual.size() == 1 ? expected.get(keys.get(0)) : expected.get(names.get(i));
            assertThat(e).as(label + " output " + names.get(i) + " in " + keys).isNotNull();
            float[] want = e.toFloats();
            float[][] got = actual.get(names.get(i));
            int width = got[0].length;
            assertThat(got.length * width).as(label + " " + names.get(i) + " size").isEqualTo(want.length);
            for (int r = 0; r < got.length; r++) {
                for (int c = 0; c < width; c++) {
                    max = Math.max(max, Math.abs(got[r][c] - want[r * width + c]));
                }
            }
        }
        assertThat(max).as(label + ": max |Java - Keras|").isLessThanOrEqualTo(TOLERANCE);
        return max;
    }
}
