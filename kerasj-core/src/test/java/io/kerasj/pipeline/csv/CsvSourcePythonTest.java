package io.kerasj.pipeline.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvSource} reads what TensorFlow reads from the same files: the course's
 * {@code list_files(...).interleave(TextLineDataset(f).skip(1), cycle_length)} + {@code decode_csv}, and
 * {@code make_csv_dataset}'s features and label ({@code python-reference/csv_reader.py}).
 */
@Tag("python")
@Tag("slow")
class CsvSourcePythonTest {
    @TempDir
    Path dir;

    @Test
    void rowsInterleavingQuotesAndDefaultsAreTensorFlows() throws IOException {
        PythonKeras.require();
        List<Path> files = new ArrayList<>();
        int[] lengths = {4, 1, 6, 3, 5, 2, 3};
        for (int k = 0; k < lengths.length; k++) {
            StringBuilder s = new StringBuilder("a,\"b,q\",y,c\n");
            for (int i = 0; i < lengths[k]; i++) {
                int v = k * 100 + i;
                s.append(i % 3 == 1 ? "" : Integer.toString(v)).append(",\"").append(v).append(".5\",")
                        .append(-v).append(',').append(i % 2 == 0 ? v + "e-3" : "").append('\n');
            }
            files.add(Files.writeString(dir.resolve(String.format("part_%02d.csv", k)), s.toString()));
        }
        List<String> args = new ArrayList<>(List.of("3", "y"));
        files.forEach(f -> args.add(f.toString()));
        JsonNode tf = new ObjectMapper().readTree(PythonKeras.run(300, Map.of(), "csv_reader.py", args.toArray(String[]::new)));

        Map<String, Float> defaults = Map.of("a", -1f, "b,q", -1f, "y", -1f, "c", -1f);
        List<float[]> course = new ArrayList<>();
        for (Element e : all(CsvSource.files(files).cycleLength(3).columnDefaults(defaults).build())) {
            course.add(e.x().get(0).floats());
        }
        assertThat(course).hasSize(tf.path("course").size());
        for (int i = 0; i < course.size(); i++) {
            assertThat(course.get(i)).as("row %d", i).containsExactly(floats(tf.path("course").get(i)));
        }

        List<Element> made = all(CsvSource.files(files).labelName("y").columnDefaults(defaults).build());
        assertThat(made).hasSize(tf.path("make_csv").path("y").size());
        for (int i = 0; i < made.size(); i++) {
            assertThat(made.get(i).x().get(0).floats()).as("row %d", i).containsExactly(floats(tf.path("make_csv").path("x").get(i)));
            assertThat(made.get(i).y().get(0).floats()[0]).isEqualTo((float) tf.path("make_csv").path("y").get(i).asDouble());
        }
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    private static List<Element> all(Pipeline p) {
        List<Element> out = new ArrayList<>();
        try (ElementIterator it = p.iterator(0)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
