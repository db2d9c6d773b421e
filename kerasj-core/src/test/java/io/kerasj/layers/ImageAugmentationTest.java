package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.optimizers.SGD;
import io.kerasj.saving.keras.KerasFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random image layers in training: their statistics, bounds, seeds; identity at inference; fit and save. */
class ImageAugmentationTest {
    private static final int N = 2000;

    @TempDir
    Path tmp;

    /** N images of 2x2x1 holding 0, 1, 2, 3 (row-major). */
    private static float[] quads() {
        float[] x = new float[N * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 4;
        }
        return x;
    }

    private static int flipped(String mode, float[] out) {
        float[] expected = switch (mode) {
            case "horizontal" -> new float[] {1, 0, 3, 2};
            case "vertical" -> new float[] {2, 3, 0, 1};
            default -> new float[] {3, 2, 1, 0};
        };
        int count = 0;
        for (int i = 0; i < N; i++) {
            float[] image = Arrays.copyOfRange(out, i * 4, i * 4 + 4);
            if (Arrays.equals(image, expected)) {
                count++;
            } else {
                assertThat(image).as("image %d in mode %s", i, mode).containsExactly(0, 1, 2, 3);
            }
        }
        return count;
    }

    @Test
    void randomFlipFlipsAboutHalfTheImagesInEachMode() {
        for (String mode : new String[] {"horizontal", "vertical", "horizontal_and_vertical"}) {
            try (AugmentGraph graph = new AugmentGraph(new RandomFlip(mode, null), 7, true, 2, 2, 1)) {
                int count = flipped(mode, graph.run(quads()));
                // binomial(2000, 1/2): sd = 22.4; 5 sd either side
                assertThat(count).as(mode).isBetween(N / 2 - 112, N / 2 + 112);
            }
        }
    }

    @Test
    void randomLayersAreTheIdentityAtInference() {
        float[] x = quads();
        for (Layer layer : new Layer[] {new RandomFlip(), new RandomContrast(0.5), new RandomBrightness(0.5)}) {
            try (AugmentGraph graph = new AugmentGraph(layer, 7, false, 2, 2, 1)) {
                assertThat(graph.run(x)).as(layer.className()).containsExactly(x);
            }
        }
    }

    @Test
    void aSeedRepeatsTheRunAndEachStepDrawsAnew() {
        float[] x = quads();
        float[] first;
        float[] second;
        try (AugmentGraph graph = new AugmentGraph(new RandomFlip("horizontal", null), 11, true, 2, 2, 1)) {
            first = graph.run(x);
            second = graph.run(x);
        }
        assertThat(second).isNotEqualTo(first);
        try (AugmentGraph again = new AugmentGraph(new RandomFlip("horizontal", null), 11, true, 2, 2, 1)) {
            assertThat(again.run(x)).isEqualTo(first);
            assertThat(again.run(x)).isEqualTo(second);
        }
        try (AugmentGraph other = new AugmentGraph(new RandomFlip("horizontal", null), 12, true, 2, 2, 1)) {
            assertThat(other.run(x)).isNotEqualTo(first);
        }
        try (AugmentGraph own = new AugmentGraph(new RandomFlip("horizontal", 5L), 11, true, 2, 2, 1);
                AugmentGraph sameOwn = new AugmentGraph(new RandomFlip("horizontal", 5L), 99, true, 2, 2, 1)) {
            assertThat(own.run(x)).as("the layer's seed wins over the model's").isEqualTo(sameOwn.run(x));
        }
    }

    /** N images of 2x2x1: 100, 110, 120, 130 (mean 115), far from the clip bounds. */
    private static float[] gradients() {
        float[] x = new float[N * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + 10 * (i % 4);
        }
        return x;
    }

    @Test
    void randomContrastScalesEachImageAboutItsMeanWithinTheFactor() {
        float[] out;
        try (AugmentGraph graph = new AugmentGraph(new RandomContrast(0.3, 0.2, -1e6, 1e6, null), 3, true, 2, 2, 1)) {
            out = graph.run(gradients());
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < N; i++) {
            double factor = (out[i * 4] - 115) / (100 - 115.0);
            for (int k = 0; k < 4; k++) {
                assertThat(out[i * 4 + k]).isCloseTo((float) (115 + factor * (10 * k - 15)), org.assertj.core.data.Offset.offset(1e-3f));
            }
            min = Math.min(min, factor);
            max = Math.max(max, factor);
        }
        assertThat(min).isBetween(0.7 - 1e-5, 0.72);
        assertThat(max).isBetween(1.18, 1.2 + 1e-5);
    }

    @Test
    void randomContrastAndBrightnessClipToTheValueRange() {
        float[] x = new float[N * 4];
        Arrays.fill(x, 250);
        for (int i = 0; i < N; i++) {
            x[i * 4] = 0;
        }
        for (Layer layer : new Layer[] {new RandomContrast(1.0), new RandomBrightness(1.0)}) {
            try (AugmentGraph graph = new AugmentGraph(layer, 3, true, 2, 2, 1)) {
                for (float v : graph.run(x)) {
                    assertThat(v).as(layer.className()).isBetween(0f, 255f);
                }
            }
        }
    }

    @Test
    void randomBrightnessShiftsEachImageWithinTheFactorOfTheRange() {
        float[] out;
        try (AugmentGraph graph = new AugmentGraph(new RandomBrightness(-0.2, 0.1, 0, 1000, null), 3, true, 2, 2, 1)) {
            float[] x = gradients();
            for (int i = 0; i < x.length; i++) {
                x[i] += 200;
            }
            out = graph.run(x);
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < N; i++) {
            double delta = out[i * 4] - 300;
            for (int k = 0; k < 4; k++) {
                assertThat(out[i * 4 + k] - (300 + 10 * k)).isCloseTo((float) delta, org.assertj.core.data.Offset.offset(1e-3f));
            }
            min = Math.min(min, delta);
            max = Math.max(max, delta);
        }
        // deltas uniform in [-200, 100]
        assertThat(min).isBetween(-200.001, -199.0);
        assertThat(max).isBetween(99.0, 100.001);
    }

    @Test
    void randomCropTakesWindowsOfTheImageAtEveryPlace() {
        float[] x = new float[5 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Set<String> starts = new HashSet<>();
        try (AugmentGraph graph = new AugmentGraph(new RandomCrop(3, 2, null), 2, true, 5, 4, 1)) {
            for (int step = 0; step < 200; step++) {
                float[] out = graph.run(x);
                int top = (int) out[0] / 4;
                int left = (int) out[0] % 4;
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 2; c++) {
                        assertThat(out[r * 2 + c]).isEqualTo((top + r) * 4 + left + c);
                    }
                }
                starts.add(top + "," + left);
            }
        }
        assertThat(starts).hasSize(3 * 3);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> new RandomFlip("diagonal", null)).hasMessageContaining("mode");
        assertThatThrownBy(() -> new RandomContrast(1.5)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new RandomBrightness(0.1, 0.2, 5, 5, null)).hasMessageContaining("value_range");
        assertThatThrownBy(() -> new Resizing(3, 0)).hasMessageContaining("width");
        assertThatThrownBy(() -> new Resizing(3, 3, "bicubic", false)).hasMessageContaining("interpolation");
        assertThatThrownBy(() -> new CenterCrop(3, 3).build(new long[] {4, 4})).hasMessageContaining("height, width, channels");
    }

    @Test
    void fitTrainsAModelStartingWithAugmentationAndSavedFilesKeepTheLayers() {
        Naming.clearSession();
        Input input = new Input(8, 8, 1);
        // ImageProjectiveTransformV3 has no gradient: fit must not ask for one (no weight is upstream of it)
        KerasTensor x = new RandomRotation(0.1).apply(input);
        x = new RandomZoom(0.2).apply(x);
        x = new RandomTranslation(0.1, 0.1).apply(x);
        x = new RandomFlip("horizontal", 4L).apply(x);
        x = new RandomContrast(0.2).apply(x);
        x = new RandomBrightness(0.1).apply(x);
        x = new RandomCrop(6, 6).apply(x);
        x = new Resizing(4, 4, "nearest", true).apply(x);
        x = new CenterCrop(3, 3).apply(x);
        KerasTensor y = new Dense(2, "softmax").apply(new Flatten().apply(x));
        float[] images = new float[32 * 64];
        int[] labels = new int[32];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat() * 255;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        FloatSamples samples = FloatSamples.of(images, 8, 8, 1);
        Path file = tmp.resolve("aug.keras");
        float[][] before;
        try (Model model = new Model(input, y).seed(3)) {
            model.compile(new SparseCategoricalCrossentropy(), new SGD(1e-4));
            double loss = model.fit(samples, labels, FitOptions.defaults().epochs(1).batchSize(8).verbose(0)).history().get("loss").get(0);
            assertThat(loss).isFinite();
            before = model.predict(samples);
            model.save(file);
        }
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.layers().stream().map(Layer::className).toList()).containsSubsequence("RandomRotation", "RandomZoom",
                    "RandomTranslation", "RandomFlip", "RandomContrast",
                    "RandomBrightness", "RandomCrop", "Resizing", "CenterCrop");
            RandomFlip flip = (RandomFlip) loaded.layers().stream().filter(l -> l instanceof RandomFlip).findFirst().orElseThrow();
            assertThat(flip.mode()).isEqualTo("horizontal");
            assertThat(flip.seed()).isEqualTo(4L);
            RandomRotation rotation = (RandomRotation) loaded.layers().stream().filter(l -> l instanceof RandomRotation).findFirst().orElseThrow();
            assertThat(rotation.factor()).containsExactly(-0.1f, 0.1f);
            assertThat(rotation.fillMode()).isEqualTo("reflect");
            RandomContrast contrast = (RandomContrast) loaded.layers().stream().filter(l -> l instanceof RandomContrast).findFirst().orElseThrow();
            assertThat(contrast.factor()).containsExactly(0f, 0.2f);
            Resizing resizing = (Resizing) loaded.layers().stream().filter(l -> l instanceof Resizing).findFirst().orElseThrow();
            assertThat(resizing.interpolation()).isEqualTo("nearest");
            assertThat(resizing.cropToAspectRatio()).isTrue();
            assertThat(loaded.predict(samples)).isDeepEqualTo(before);
        }
    }
}
