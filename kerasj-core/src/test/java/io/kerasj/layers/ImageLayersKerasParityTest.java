package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The image preprocessing layers against Keras 3 at inference, in one Python process for the class
 * (python-reference/image_layers_reference.py): Resizing and CenterCrop give Keras's values, the random layers the
 * identity, and in training, with ranges of one value, the geometric layers and RandomBrightness give Keras's values; Java loads Keras's {@code .keras} file of every layer, and Keras loads Java's.
 */
@Tag("python")
@Tag("slow")
class ImageLayersKerasParityTest {
    private static final double TOLERANCE = 1e-4;
    private static Path root;
    private static Path out;
    private static FloatSamples x;
    private static float[] javaOutputs;
    private static JsonNode javaInKeras;

    /** The Java twins of the script's cases, by case name. */
    private static Map<String, Supplier<Layer>> cases() {
        Map<String, Supplier<Layer>> cases = new LinkedHashMap<>();
        cases.put("resize_bilinear", () -> new Resizing(6, 5));
        cases.put("resize_up", () -> new Resizing(13, 11));
        cases.put("resize_nearest", () -> new Resizing(7, 3, "nearest", false));
        cases.put("resize_crop", () -> new Resizing(6, 6, "bilinear", true));
        cases.put("center_crop", () -> new CenterCrop(6, 4));
        cases.put("center_crop_small", () -> new CenterCrop(12, 5));
        cases.put("flip", RandomFlip::new);
        cases.put("contrast", () -> new RandomContrast(0.4));
        cases.put("brightness", () -> new RandomBrightness(0.3));
        cases.put("rotation", () -> new RandomRotation(0.2));
        cases.put("zoom", () -> new RandomZoom(0.2));
        cases.put("translation", () -> new RandomTranslation(0.1, 0.2));
        cases.put("crop", () -> new RandomCrop(6, 6));
        return cases;
    }

    /**
     * The model Java saves for Keras: every layer, with options off their defaults. RandomCrop keeps the size: at
     * inference it passes the images through unchanged, of another shape than it declares, and the layers after it
     * would then see other shapes than they were built for.
     */
    private static Model javaModel() {
        Naming.clearSession();
        Input input = new Input(10, 8, 3);
        KerasTensor t = new RandomRotation(-0.1, 0.2, "constant", "nearest", 2, 6L).apply(input);
        t = new RandomZoom(new double[] {-0.2, 0.1}, null, "wrap", "bilinear", 0, null).apply(t);
        t = new RandomTranslation(new double[] {-0.1, 0.1}, new double[] {0, 0.2}, "nearest", "bilinear", 0, null).apply(t);
        t = new RandomFlip("vertical", 8L).apply(t);
        t = new RandomContrast(0.2, 0.3, 0, 255, null).apply(t);
        t = new RandomBrightness(-0.1, 0.2, 0, 255, 9L).apply(t);
        t = new RandomCrop(10, 8).apply(t);
        t = new Resizing(8, 8, "bilinear", true).apply(t);
        t = new CenterCrop(5, 6).apply(t);
        return new Model(input, t).seed(1);
    }

    @BeforeAll
    static void runKeras() throws IOException {
        PythonKeras.require();
        root = Files.createTempDirectory("image-layers");
        Path javaFile = root.resolve("java.keras");
        Path keras = root.resolve("keras");
        // Java's file first, so that one Python process both loads it and writes Keras's references
        try (Model model = javaModel()) {
            model.save(javaFile);
        }
        String printed = PythonKeras.run(300, Map.of(), "image_layers_reference.py", keras.toString(), javaFile.toString());
        javaInKeras = new ObjectMapper().readTree(printed.lines().reduce((a, b) -> b).orElse("[]"));
        NpyArray xs = Npz.read(keras.resolve("inputs.npz")).get("x");
        x = FloatSamples.of(xs.toFloats(), 10, 8, 3);
        try (Model model = javaModel()) {
            javaOutputs = flatten(model.predict(x));
        }
        out = keras;
    }

    @AfterAll
    static void removeFiles() throws IOException {
        if (root != null) {
            try (var files = Files.walk(root)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void inferenceOutputsEqualKeras() {
        Map<String, NpyArray> expected = Npz.read(out.resolve("outputs.npz"));
        cases().forEach((name, layer) -> {
            Naming.clearSession();
            Input input = new Input(10, 8, 3);
            try (Model model = new Model(input, layer.get().apply(input))) {
                float[] java = flatten(model.predict(x));
                NpyArray keras = expected.get(name);
                assertThat(java.length).as(name).isEqualTo(keras.toFloats().length);
                double max = maxDifference(java, keras.toFloats());
                System.out.printf("%-18s Java vs Keras 3: max|d| %.2e%n", name, max);
                assertThat(max).as(name).isLessThanOrEqualTo(TOLERANCE);
                if (!name.startsWith("resize") && !name.startsWith("center")) {
                    assertThat(java).as(name + " is the identity").containsExactly(x.toArray());
                }
            }
        });
    }

    @Test
    void trainingOutputsEqualKerasWhenTheRangesHoldOneValue() {
        Map<String, Supplier<Layer>> fixed = new LinkedHashMap<>();
        fixed.put("rotation", () -> new RandomRotation(0.1, 0.1, "reflect", "bilinear", 0, null));
        fixed.put("rotation_constant", () -> new RandomRotation(-0.05, -0.05, "constant", "nearest", 3, null));
        fixed.put("zoom", () -> new RandomZoom(new double[] {0.2, 0.2}, new double[] {-0.1, -0.1}, "wrap", "bilinear", 0, null));
        fixed.put("translation", () -> new RandomTranslation(new double[] {0.1, 0.1}, new double[] {-0.2, -0.2}, "nearest",
                "bilinear", 0, null));
        fixed.put("brightness", () -> new RandomBrightness(0.2, 0.2, 0, 255, null));
        Map<String, NpyArray> expected = Npz.read(out.resolve("training.npz"));
        fixed.forEach((name, layer) -> {
            try (AugmentGraph graph = new AugmentGraph(layer.get(), 1, true, 10, 8, 3)) {
                float[] java = graph.run(x.toArray());
                double max = maxDifference(java, expected.get(name).toFloats());
                System.out.printf("%-18s training, Java vs Keras 3: max|d| %.2e%n", name, max);
                assertThat(max).as(name).isLessThanOrEqualTo(TOLERANCE);
                assertThat(maxDifference(java, x.toArray())).as(name + " changed the images").isGreaterThan(1.0);
            }
        });
    }

    /**
     * RandomCrop in training on images not larger than its target both ways, Keras 3.15's code path: a slice of the
     * target's size from the start of its centred aspect window, cut to the image and resized up where it came out smaller.
     */
    @Test
    void randomCropTrainsAsKeras3OnImagesNotLargerThanItsTarget() {
        Map<String, int[]> crops = new LinkedHashMap<>();
        crops.put("crop_up", new int[] {12, 5});
        crops.put("crop_height", new int[] {6, 8});
        crops.put("crop_same", new int[] {10, 8});
        crops.put("crop_wide", new int[] {4, 20});
        crops.put("crop_tall", new int[] {20, 3});
        Map<String, NpyArray> expected = Npz.read(out.resolve("crop_training.npz"));
        crops.forEach((name, size) -> {
            try (AugmentGraph graph = new AugmentGraph(new RandomCrop(size[0], size[1]), 1, true, 10, 8, 3)) {
                NpyArray keras = expected.get(name);
                assertThat(keras.shape()).as(name).containsExactly(2, size[0], size[1], 3);
                double max = maxDifference(graph.run(x.toArray()), keras.toFloats());
                System.out.printf("%-18s training, Java vs Keras 3: max|d| %.2e%n", name, max);
                assertThat(max).as(name).isLessThanOrEqualTo(TOLERANCE);
            }
        });
    }

    @Test
    void javaLoadsKerasFileOfEveryLayerAndPredictsAsKeras() {
        try (Model model = KerasFiles.load(out.resolve("keras_aug.keras"))) {
            assertThat(model.layers().stream().map(Layer::className).toList()).containsSubsequence("RandomRotation", "RandomZoom",
                    "RandomTranslation", "RandomFlip", "RandomContrast", "RandomBrightness", "Resizing", "RandomCrop", "CenterCrop");
            RandomContrast contrast = (RandomContrast) model.layers().stream().filter(l -> l instanceof RandomContrast)
                    .findFirst().orElseThrow();
            assertThat(contrast.factor()).containsExactly(0.1f, 0.2f);
            assertThat(contrast.seed()).isEqualTo(4L);
            RandomZoom zoom = (RandomZoom) model.layers().stream().filter(l -> l instanceof RandomZoom).findFirst().orElseThrow();
            assertThat(zoom.heightFactor()).containsExactly(-0.3f, 0.1f);
            assertThat(zoom.widthFactor()).containsExactly(-0.2f, 0.2f);
            assertThat(zoom.fillMode()).isEqualTo("nearest");
            double max = maxDifference(flatten(model.predict(x)), Npz.read(out.resolve("keras_aug.npz")).get("y").toFloats());
            System.out.printf("keras_aug.keras    Java vs Keras 3: max|d| %.2e%n", max);
            assertThat(max).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void kerasLoadsJavasFileAndPredictsAsJava() {
        List<String> classes = new java.util.ArrayList<>();
        javaInKeras.forEach(layer -> classes.add(layer.get("class_name").asText()));
        assertThat(classes).containsExactly("RandomRotation", "RandomZoom", "RandomTranslation", "RandomFlip", "RandomContrast", "RandomBrightness", "RandomCrop", "Resizing",
                "CenterCrop");
        JsonNode rotation = javaInKeras.get(0).get("config");
        assertThat(rotation.get("fill_mode").asText()).isEqualTo("constant");
        assertThat(rotation.get("interpolation").asText()).isEqualTo("nearest");
        assertThat(rotation.get("fill_value").asDouble()).isEqualTo(2.0);
        assertThat(rotation.get("factor").get(1).asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(javaInKeras.get(1).get("config").get("width_factor").isNull()).isTrue();
        JsonNode flip = javaInKeras.get(3).get("config");
        assertThat(flip.get("mode").asText()).isEqualTo("vertical");
        assertThat(flip.get("seed").asLong()).isEqualTo(8L);
        JsonNode brightness = javaInKeras.get(5).get("config");
        assertThat(brightness.get("factor").get(0).asDouble()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(javaInKeras.get(7).get("config").get("crop_to_aspect_ratio").asBoolean()).isTrue();
        double max = maxDifference(Npz.read(out.resolve("java_in_keras.npz")).get("y").toFloats(), javaOutputs);
        System.out.printf("java.keras         Keras 3 vs Java: max|d| %.2e%n", max);
        assertThat(max).isLessThanOrEqualTo(TOLERANCE);
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
