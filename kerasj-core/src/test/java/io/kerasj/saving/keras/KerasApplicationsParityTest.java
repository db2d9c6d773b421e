package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.models.Model;
import io.kerasj.testing.PythonArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 25's Keras Applications (python-reference/keras_applications.py: MobileNetV2, MobileNetV3Small, ResNet50,
 * EfficientNetB0, VGG16, InceptionV3, DenseNet121, Xception at reduced sizes, every weight seeded random, include_top
 * one way in the {@code .keras} and the other in the {@code .h5}) load in Java and give Keras's outputs within 1e-4
 * relative: per output, {@code max|java - python| <= 1e-4 * max|python|}. Prints one line per architecture: its
 * parameters and the relative and element-wise differences of both files.
 */
@Tag("python")
@Tag("parity")
@Tag("slow")
class KerasApplicationsParityTest {
    static final double RELATIVE_TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEightApplicationsLoadFromBothFormatsAndGiveKerasOutputs() throws IOException {
        Path dir = PythonArtifacts.kerasApplications();
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.size()).isEqualTo(8);
        List<String> lines = new ArrayList<>();
        double worst = 0;
        for (var it = summary.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            NpyArray x = Npy.read(dir.resolve(name + ".x.npy"));
            int[] sample = Arrays.stream(x.shape()).skip(1).mapToInt(Math::toIntExact).toArray();
            FloatSamples inputs = FloatSamples.of(x.toFloats(), sample);
            StringBuilder line = new StringBuilder(name);
            for (String kind : new String[] {"keras", "h5"}) {
                JsonNode expected = summary.get(name).get(kind);
                float[] python = Npy.read(dir.resolve(name + "." + kind + ".npy")).toFloats();
                List<String> warnings = new ArrayList<>();
                long start = System.nanoTime();
                try (Model model = KerasFiles.load(dir.resolve(name + "." + kind), 1, warnings::add)) {
                    assertThat(model.countParams()).as(name + "." + kind).isEqualTo(expected.get("params").asLong());
                    assertThat(model.trainableParamCount() > 0).as(name + "." + kind + " trainable")
                            .isEqualTo(expected.get("trainable").asBoolean());
                    assertThat(model.isTrainable()).as(name + "." + kind + " root trainable flag").isEqualTo(expected.get("trainable").asBoolean());
                    float[] java = flat(model.predict(inputs));
                    Difference d = Difference.of(java, python);
                    line.append(String.format(Locale.ROOT, " | %s (top=%s, pooling=%s) %,d params: relative %.2e, max|d| %.2e (max|python| %.3g), %.1f s",
                            kind, expected.get("include_top").asBoolean(), expected.get("pooling").asText("None"), model.countParams(),
                            d.relative(), d.maxAbs(), d.maxPython(), (System.nanoTime() - start) / 1e9));
                    assertThat(d.relative()).as(name + "." + kind + " relative difference").isLessThanOrEqualTo(RELATIVE_TOLERANCE);
                    worst = Math.max(worst, d.relative());
                }
            }
            lines.add(line.toString());
            System.out.println("keras-applications: " + line);
        }
        System.out.printf(Locale.ROOT, "keras-applications: worst relative difference %.2e (tolerance %.0e)%n", worst, RELATIVE_TOLERANCE);
        assertThat(lines).hasSize(8);
    }

    private static float[] flat(float[][] rows) {
        int n = rows[0].length;
        float[] out = new float[rows.length * n];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * n, n);
        }
        return out;
    }

    /**
     * The comparison of one output.
     *
     * @param maxAbs max|java - python|, element-wise
     * @param maxPython max|python|
     */
    record Difference(double maxAbs, double maxPython) {
        static Difference of(float[] java, float[] python) {
            assertThat(java).hasSameSizeAs(python);
            double d = 0;
            double scale = 0;
            for (int i = 0; i < java.length; i++) {
                d = Math.max(d, Math.abs((double) java[i] - python[i]));
                scale = Math.max(scale, Math.abs(python[i]));
                assertThat(Float.isFinite(java[i])).as("Java's output %d is finite", i).isTrue();
            }
            return new Difference(d, scale);
        }

        /** @return max|java - python| / max|python|, the relative difference */
        double relative() {
            return maxAbs / maxPython;
        }
    }
}
