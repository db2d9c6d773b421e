package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KerasJ's concatenation gradients against TensorFlow 2.21's ({@code tf.GradientTape}) on the same seeded values. */
@Tag("python")
@Tag("slow")
class ConcatGradientPythonTest {

    private static final double TOLERANCE = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void gradientsMatchTensorFlowPython() throws IOException {
        PythonKeras.require();
        List<Object[]> cases = List.of(
                new Object[] {0, new long[][] {{1, 3}, {2, 3}, {3, 3}}},
                new Object[] {1, new long[][] {{4, 2}, {4, 3}, {4, 1}}},
                new Object[] {-1, new long[][] {{3, 2, 2}, {3, 2, 4}, {3, 2, 1}}},
                new Object[] {1, new long[][] {{5, 3}, {5, 2}}});
        List<ConcatProblem> problems = new ArrayList<>();
        List<double[][]> values = new ArrayList<>();
        List<String> files = new ArrayList<>();
        try {
            for (Object[] c : cases) {
                for (boolean legacy : new boolean[] {false, true}) {
                    ConcatProblem problem = new ConcatProblem(legacy, (Integer) c[0], (long[][]) c[1]);
                    problems.add(problem);
                    values.add(problem.randomValues(100 + problems.size()));
                    Path file = folder.resolve("problem_" + problems.size() + ".json");
                    JSON.writeValue(file.toFile(), describe(problem, values.get(values.size() - 1)));
                    files.add(file.toString());
                }
            }
            // One Python process for all the problems: importing TensorFlow takes most of its time.
            String[] lines = PythonKeras.run(300, Map.of(), "concat_gradients.py", files.toArray(String[]::new)).strip().split("\n");
            assertThat(lines).hasSize(problems.size());
            for (int i = 0; i < problems.size(); i++) {
                ConcatProblem problem = problems.get(i);
                double[][] python = parse(JSON.readTree(lines[i]).get("gradients"));
                double difference = ConcatProblem.maxDifference(problem.gradients(values.get(i)), python);
                System.out.printf("%s axis %d of %d inputs: max |KerasJ - TensorFlow Python| = %.3g%n",
                        i % 2 == 1 ? "Concat" : "ConcatV2", problem.axis, problem.inputShapes.length, difference);
                assertThat(difference).isLessThan(TOLERANCE);
            }
        } finally {
            problems.forEach(ConcatProblem::close);
        }
    }

    private static ObjectNode describe(ConcatProblem problem, double[][] values) {
        ObjectNode root = JSON.createObjectNode();
        root.put("axis", problem.axis);
        List<long[]> shapes = problem.shapes();
        int count = problem.inputShapes.length;
        ArrayNode parameters = root.putArray("parameters");
        ArrayNode inputs = root.putArray("inputs");
        for (int k = 0; k < values.length; k++) {
            ObjectNode array = k < count ? parameters.addObject() : k == count ? root.putObject("w") : inputs.addObject();
            ArrayNode shape = array.putArray("shape");
            for (long d : shapes.get(k)) {
                shape.add(d);
            }
            ArrayNode flat = array.putArray("values");
            for (double v : values[k]) {
                flat.add(v);
            }
        }
        return root;
    }

    private static double[][] parse(JsonNode arrays) {
        double[][] result = new double[arrays.size()][];
        for (int k = 0; k < result.length; k++) {
            JsonNode array = arrays.get(k);
            result[k] = new double[array.size()];
            for (int j = 0; j < result[k].length; j++) {
                result[k][j] = array.get(j).asDouble();
            }
        }
        return result;
    }
}
