package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.testing.FreshSession;
import io.kerasj.testing.PythonArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The builders against Keras's own Applications: Python (python-reference/make_applications.py, once per run) builds
 * each network at a reduced size with {@code weights=None}, overwrites every weight with seeded values, and saves them
 * with its predictions on two seeded inputs; the Java builder, with the same arguments, has the same layer names in
 * the same order and the same parameter count, loads the file through {@code weights(path)} (Keras 3's
 * {@code .weights.h5}, and for some the legacy {@code .h5} layout of the ImageNet files) and predicts the same within
 * 1e-4 of the largest output.
 */
@Tag("python")
@Tag("parity")
@Tag("slow")
@ExtendWith(FreshSession.class)
class ClassicApplicationsParityTest {
    private static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Java builders for make_applications.py's cases, with the same arguments. */
    private static final Map<String, Supplier<ApplicationBuilder<?>>> BUILDERS = Map.of(
            "resnet50", () -> ResNet.resNet50().includeTop(true).classes(10).inputShape(64, 64, 3),
            "vgg16", () -> Vgg.vgg16().includeTop(false).pooling("avg").inputShape(32, 32, 3),
            "inception_v3", () -> new InceptionV3().includeTop(true).classes(10).classifierActivation(null).inputShape(75, 75, 3),
            "densenet121", () -> DenseNet.denseNet121().includeTop(false).pooling("max").inputShape(32, 32, 3),
            "xception", () -> new Xception().includeTop(false).inputShape(71, 71, 3));

    @Test
    void eachArchitectureHasKerassLayersAndParametersAndPredictsAsKerasWithItsWeights() throws IOException {
        Path dir = PythonArtifacts.classicApplications();
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.size()).isEqualTo(BUILDERS.size());
        List<String> table = new ArrayList<>();
        for (var it = summary.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode keras = summary.get(name);
            Map<String, NpyArray> arrays = Npz.read(dir.resolve(name + ".npz"));
            List<Path> files = new ArrayList<>(List.of(dir.resolve(name + ".weights.h5")));
            if (keras.get("legacy").asBoolean()) {
                files.add(dir.resolve(name + ".h5"));
            }
            for (Path file : files) {
                long start = System.nanoTime();
                Naming.clearSession();
                try (Model model = BUILDERS.get(name).get().weights(file).build()) {
                    List<String> kerasNames = new ArrayList<>();
                    keras.get("layers").forEach(n -> kerasNames.add(n.asText()));
                    assertThat(model.layers().stream().map(Layer::name).toList()).as(name + " layer names").isEqualTo(kerasNames);
                    assertThat(model.countParams()).as(name + " parameters").isEqualTo(keras.get("params").asLong());
                    float[][] predicted = model.predict(samples(arrays.get("x")));
                    double relative = maxDifference(predicted, arrays.get("y")) / keras.get("max_abs_output").asDouble();
                    table.add(String.format("| %s (%s) | %,d | %.1e | %.1f s |", keras.get("app").asText(), file.getFileName(),
                            model.countParams(), relative, (System.nanoTime() - start) / 1e9));
                    assertThat(relative).as(file.getFileName() + ": max|Java - Keras| / max|Keras|").isLessThanOrEqualTo(TOLERANCE);
                }
            }
        }
        System.out.println("| architecture (weights file) | parameters | max relative difference | build+load+predict |");
        table.forEach(System.out::println);
    }

    /** The variants on the same code, compared by structure only (their weights would be more files to write and read). */
    private static final Map<String, Supplier<ApplicationBuilder<?>>> STRUCTURES = Map.of(
            "resnet50v2", () -> ResNet.resNet50V2().includeTop(true).classes(10).inputShape(32, 32, 3),
            "vgg19", () -> Vgg.vgg19().includeTop(false).pooling("max").inputShape(32, 32, 3));

    @Test
    void variantsOnTheSameCodeHaveKerassLayersParametersAndOutputShape() throws IOException {
        JsonNode structures = JSON.readTree(PythonArtifacts.classicApplications().resolve("structures.json").toFile());
        assertThat(structures.size()).isEqualTo(STRUCTURES.size());
        for (var it = structures.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode keras = structures.get(name);
            Naming.clearSession();
            try (Model model = STRUCTURES.get(name).get().weights(null).build()) {
                List<String> kerasNames = new ArrayList<>();
                keras.get("layers").forEach(n -> kerasNames.add(n.asText()));
                assertThat(model.layers().stream().map(Layer::name).toList()).as(name + " layer names").isEqualTo(kerasNames);
                assertThat(model.countParams()).as(name + " parameters").isEqualTo(keras.get("params").asLong());
                long[] shape = new long[keras.get("output_shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = keras.get("output_shape").get(i).asLong();
                }
                assertThat(model.outputShape()).as(name + " output shape").containsExactly(shape);
            }
        }
    }

    private static FloatSamples samples(NpyArray x) {
        long[] shape = x.shape();
        return FloatSamples.of(x.toFloats(), (int) shape[1], (int) shape[2], (int) shape[3]);
    }

    private static double maxDifference(float[][] predicted, NpyArray expected) {
        float[] y = expected.toFloats();
        int perSample = y.length / predicted.length;
        assertThat(predicted[0].length).isEqualTo(perSample);
        double max = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < perSample; j++) {
                max = Math.max(max, Math.abs(predicted[i][j] - y[i * perSample + j]));
            }
        }
        return max;
    }
}
