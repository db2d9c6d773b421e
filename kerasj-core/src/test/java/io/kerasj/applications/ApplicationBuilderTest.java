package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.GlobalMaxPooling2D;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.models.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arguments every application shares, on a toy network: Keras's checks and messages, the input (given shape,
 * default, tensor and its source inputs), pooling, and the weights (null, a file, Keras's ImageNet file from the cache).
 */
class ApplicationBuilderTest {
    @TempDir
    Path tmp;

    /** A two-layer network on the shared base, as a real application is written. */
    static final class Toy extends ApplicationBuilder<Toy> {
        private PretrainedWeights imagenetFile = new PretrainedWeights("toy.weights.h5", "http://127.0.0.1:1/toy.weights.h5", null);

        Toy imagenetFile(PretrainedWeights file) {
            imagenetFile = file;
            return this;
        }

        @Override
        public Model build() {
            checkWeightsAndClasses();
            long[] shape = obtainInputShape(16, 8, includeTop());
            KerasTensor input = imageInput(shape);
            KerasTensor x = new Conv2D(2, 3).name("conv").apply(input);
            if (includeTop()) {
                x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
                validateClassifierActivation();
                x = new Dense(classes(), classifierActivation()).name("predictions").apply(x);
            } else if ("avg".equals(pooling())) {
                x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
            } else if ("max".equals(pooling())) {
                x = new GlobalMaxPooling2D().name("max_pool").apply(x);
            }
            return finish(input, x, name() != null ? name() : "toy", () -> imagenetFile);
        }
    }

    private static FloatSamples images(long... shape) {
        int size = (int) (shape[0] * shape[1] * shape[2]);
        Random random = new Random(5);
        float[] x = new float[2 * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return FloatSamples.of(x, (int) shape[0], (int) shape[1], (int) shape[2]);
    }

    @Test
    void kerasChecksAndMessages() {
        assertThatThrownBy(() -> new Toy().classes(10).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("If using `weights=\"imagenet\"` with `include_top` as true, `classes` should be 1000. Received `classes=10`");
        assertThatThrownBy(() -> new Toy().weights(tmp.resolve("absent.h5").toString()).build())
                .hasMessageStartingWith("The `weights` argument should be either `None` (random initialization), `imagenet`");
        assertThatThrownBy(() -> new Toy().inputShape(32, 32, 3).build())
                .hasMessage("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be (16, 16, 3)."
                        + "  Received: input_shape=(32, 32, 3)");
        assertThatThrownBy(() -> new Toy().weights(null).inputShape(4, 9, 3).build())
                .hasMessage("Input size must be at least 8x8; Received: input_shape=(4, 9, 3)");
        assertThatThrownBy(() -> new Toy().includeTop(false).inputShape(9, 9, 1).build())
                .hasMessage("The input must have 3 channels; Received `input_shape=(9, 9, 1)`");
        assertThatThrownBy(() -> new Toy().weights(null).inputShape(9, 9).build())
                .hasMessage("`input_shape` must be a tuple of three integers.");
        assertThatThrownBy(() -> new Toy().pooling("sum")).hasMessageContaining("expected null, \"avg\" or \"max\"");
        assertThatThrownBy(() -> new Toy().weights(3)).hasMessageContaining("expected \"imagenet\", null or the path");
    }

    @Test
    void randomWeightsTakeTheGivenShapeOrTheDefaultAndPool() {
        try (Model top = new Toy().weights(null).classes(5).classifierActivation(null).build();
             Model features = new Toy().weights(null).includeTop(false).inputShape(12, 10, 1).build();
             Model pooled = new Toy().weights(null).includeTop(false).pooling("max").name("mine").build()) {
            assertThat(top.inputShape()).containsExactly(16, 16, 3);
            assertThat(top.outputShape()).containsExactly(5);
            assertThat(top.name()).isEqualTo("toy");
            assertThat(features.outputShape()).containsExactly(10, 8, 2);
            assertThat(pooled.outputShape()).containsExactly(2);
            assertThat(pooled.name()).isEqualTo("mine");
            assertThat(pooled.layers().stream().map(l -> l.name()).toList()).endsWith("conv", "max_pool");
        }
    }

    @Test
    void anInputTensorsSourceInputsBecomeTheModelsInputs() {
        Input source = new Input(9, 9, 4);
        KerasTensor projected = new Dense(3).name("project").apply(source);
        try (Model model = new Toy().weights(null).includeTop(false).inputTensor(projected).build()) {
            assertThat(model.inputs()).containsExactly(source);
            assertThat(model.layers().stream().map(l -> l.name()).toList()).contains("project", "conv");
        }
    }

    @Test
    void weightsComeFromAFileOrFromKerassCacheCheckedAgainstItsHash() throws Exception {
        Path file = tmp.resolve("trained.weights.h5");
        float[][] expected;
        try (Model trained = new Toy().weights(null).build()) {
            trained.getLayer("conv").setWeights(java.util.List.of(filled(3 * 3 * 3 * 2, 0.1f), filled(2, 0.3f)));
            expected = trained.predict(images(16, 16, 3));
            trained.saveWeights(file);
        }
        try (Model fromFile = new Toy().weights(file).build()) {
            assertThat(fromFile.predict(images(16, 16, 3))).isDeepEqualTo(expected);
        }
        Path models = Files.createDirectories(tmp.resolve("keras-home").resolve("models"));
        Files.copy(file, models.resolve("toy.weights.h5"));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
        PretrainedWeights published = new PretrainedWeights("toy.weights.h5", "http://127.0.0.1:1/toy.weights.h5", md5);
        try (Model imagenet = new Toy().imagenetFile(published).weightsCache(new WeightsCache(models, null)).build()) {
            assertThat(imagenet.predict(images(16, 16, 3))).isDeepEqualTo(expected);
        }
        assertThatThrownBy(() -> new Toy().classifierActivation("relu").weightsCache(new WeightsCache(models, null)).build())
                .hasMessageStartingWith("Only `None` and `softmax` activations are allowed");
    }

    private static float[] filled(int n, float start) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + 0.01f * i;
        }
        return v;
    }
}
