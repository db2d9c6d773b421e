package io.kerasj.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.constraints.MaxNorm;
import io.kerasj.constraints.MinMaxNorm;
import io.kerasj.constraints.NonNeg;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.losses.Loss;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.ValidationData;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.GradientClipping;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regularizers, constraints and gradient clipping against Keras 3 ({@code python-reference/regularization_parity.py}):
 * the same model, weights, data and optimizer train to the same losses (with the penalties in {@code loss},
 * {@code val_loss} and {@code evaluate}) and the same weights; and {@code .keras}/{@code .h5} files carry the options
 * both ways.
 */
@Tag("python")
@Tag("slow")
class RegularizationParityTest {
    private static final double WEIGHT_TOLERANCE = 2e-6;
    private static final double LOSS_TOLERANCE = 2e-6;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each case: its name, KerasJ's optimizer and Keras's serialized one. */
    private static final Map<String, Optimizer> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sgd_clipnorm", new SGD(0.1).withClipnorm(0.5));
        CASES.put("adam_clipvalue", new Adam(0.01).withClipvalue(0.05));
        CASES.put("adam_global_clipnorm", new Adam(0.01).withGlobalClipnorm(0.3));
        CASES.put("sgd_momentum_plain", new SGD(0.05, 0.9, false));
    }

    @TempDir
    static Path folder;
    private static JsonNode keras;
    private static float[] javaFilePredictions;

    @BeforeAll
    static void runKeras() throws Exception {
        PythonKeras.require();
        try (Model model = RegularizedModels.build()) {
            model.compile(Loss.of("mse"), CASES.get("sgd_clipnorm"));
            model.save(folder.resolve("java.keras"));
            javaFilePredictions = flat(model.predict(RegularizedModels.x()));
        }
        Path spec = folder.resolve("spec.json");
        JSON.writeValue(spec.toFile(), spec());
        keras = JSON.readTree(PythonKeras.run(600, Map.of(), "regularization_parity.py", spec.toString(), folder.toString()));
    }

    private static ObjectNode spec() {
        ObjectNode spec = JSON.createObjectNode();
        spec.set("x", floats(RegularizedModels.X));
        spec.set("y", floats(RegularizedModels.Y));
        spec.set("x_val", floats(RegularizedModels.X_VAL));
        spec.set("y_val", floats(RegularizedModels.Y_VAL));
        ArrayNode weights = spec.putArray("weights");
        for (int i = 0; i < RegularizedModels.WEIGHTS.size(); i++) {
            ObjectNode w = weights.addObject();
            ArrayNode shape = w.putArray("shape");
            for (long d : RegularizedModels.SHAPES[i]) {
                shape.add(d);
            }
            w.set("values", floats(RegularizedModels.WEIGHTS.get(i)));
        }
        ArrayNode cases = spec.putArray("cases");
        CASES.forEach((name, optimizer) -> {
            ObjectNode c = cases.addObject().put("name", name);
            GradientClipping clip = optimizer.clipping();
            ObjectNode config = c.put("class_name", optimizer.name()).putObject("config").put("learning_rate", optimizer.learningRate());
            if (optimizer instanceof SGD sgd) {
                config.put("momentum", sgd.momentum());
            }
            if (clip.clipnorm() != null) {
                config.put("clipnorm", clip.clipnorm());
            }
            if (clip.clipvalue() != null) {
                config.put("clipvalue", clip.clipvalue());
            }
            if (clip.globalClipnorm() != null) {
                config.put("global_clipnorm", clip.globalClipnorm());
            }
        });
        return spec;
    }

    @Test
    void trainingMatchesKerasWithPenaltiesConstraintsAndClipping() {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Optimizer> c : CASES.entrySet()) {
            JsonNode expected = keras.get("cases").get(c.getKey());
            try (Model model = RegularizedModels.build()) {
                model.compile(Loss.of("mse"), c.getValue());
                ValidationData validation = new ValidationData(FloatSamples.of(RegularizedModels.X_VAL, 3),
                        Targets.of(RegularizedModels.Y_VAL, 1));
                Map<String, List<Double>> history = model.fit(RegularizedModels.x(), RegularizedModels.y(),
                        FitOptions.defaults().epochs(3).batchSize(4).shuffle(false).verbose(0).validation(validation)).history();
                double evaluate = model.evaluateToMap(RegularizedModels.x(), RegularizedModels.y(), 0, System.out).get("loss");
                double lossDiff = maxDifference(history.get("loss"), expected.get("loss"));
                double valDiff = maxDifference(history.get("val_loss"), expected.get("val_loss"));
                double weightDiff = 0;
                List<float[]> weights = model.getWeights();
                for (int i = 0; i < weights.size(); i++) {
                    for (int j = 0; j < weights.get(i).length; j++) {
                        weightDiff = Math.max(weightDiff, Math.abs(weights.get(i)[j] - expected.get("weights").get(i).get(j).asDouble()));
                    }
                }
                System.out.printf("%s: max |KerasJ - Keras| loss %.3g, val_loss %.3g, evaluate %.3g, weights %.3g (loss %s)%n", c.getKey(),
                        lossDiff, valDiff, Math.abs(evaluate - expected.get("evaluate").asDouble()), weightDiff, history.get("loss"));
                softly.assertThat(lossDiff).as(c.getKey() + " loss").isLessThan(LOSS_TOLERANCE);
                softly.assertThat(valDiff).as(c.getKey() + " val_loss").isLessThan(LOSS_TOLERANCE);
                softly.assertThat(evaluate).as(c.getKey() + " evaluate").isCloseTo(expected.get("evaluate").asDouble(), within(LOSS_TOLERANCE));
                softly.assertThat(weightDiff).as(c.getKey() + " weights").isLessThan(WEIGHT_TOLERANCE);
            }
        }
        softly.assertAll();
    }

    @Test
    void kerasLoadsJavaFilesWithTheSameOptions() {
        for (String ext : new String[] {"keras"}) { // KerasJ writes no .h5
            JsonNode loaded = keras.get("java_files").get(ext);
            assertThat(loaded).as("Keras loaded java." + ext).isNotNull();
            assertThat(loaded.get("layers").equals(NUMERIC, keras.get("keras_model").get("layers")))
                    .as("java.%s layer options %s, Keras's own %s", ext, loaded.get("layers"), keras.get("keras_model").get("layers")).isTrue();
            assertThat(maxDifference(javaFilePredictions, loaded.get("predictions"))).as(ext + " predictions").isLessThan(1e-6);
        }
        JsonNode optimizer = keras.get("java_files").get("keras").get("optimizer");
        assertThat(optimizer.get("clipnorm").asDouble()).isEqualTo(0.5);
        assertThat(optimizer.get("clipvalue").isNull()).isTrue();
    }

    @Test
    void javaLoadsKerasFilesWithTheSameOptions() {
        for (String ext : new String[] {"keras", "h5"}) {
            Path file = folder.resolve("keras." + ext);
            assertThat(file).exists();
            try (Model model = KerasFiles.load(file)) {
                Dense hidden = (Dense) model.getLayer("hidden");
                Dense head = (Dense) model.getLayer("head");
                assertThat(hidden.kernelRegularizer()).isEqualTo(new L2(0.01));
                assertThat(hidden.biasRegularizer()).isEqualTo(new L1((float) 0.02));
                assertThat(hidden.activityRegularizer()).isEqualTo(new L1((float) 0.01));
                assertThat(hidden.kernelConstraint()).isEqualTo(new MaxNorm(0.8, 0));
                assertThat(hidden.biasConstraint()).isEqualTo(new NonNeg());
                assertThat(head.kernelRegularizer()).isEqualTo(new L1L2(0.01, 0.02));
                assertThat(head.activityRegularizer()).isEqualTo(new L2(0.05));
                assertThat(head.kernelConstraint()).isEqualTo(new MinMaxNorm(0.2, 0.9, 0.5, 0));
                assertThat(maxDifference(flat(model.predict(RegularizedModels.x())), keras.get("keras_predictions"))).as(ext).isLessThan(1e-6);
                if (ext.equals("keras")) {
                    assertThat(model.compileConfig().optimizer().clipping()).isEqualTo(new GradientClipping(0.5, null, null));
                }
            }
        }
    }

    @Test
    void aKerasConv2DWithEveryOptionLoadsAndTrainsAsInKeras() {
        JsonNode conv = keras.get("conv");
        FloatSamples x = FloatSamples.of(floats(conv.get("x")), 4, 4, 1);
        Targets y = Targets.of(floats(conv.get("y")), 1);
        try (Model model = KerasFiles.load(folder.resolve("conv.keras"))) {
            Conv2D layer = (Conv2D) model.layers().get(0);
            assertThat(layer.kernelRegularizer()).isEqualTo(new L2(0.01));
            assertThat(layer.biasRegularizer()).isEqualTo(new L1(0.05));
            assertThat(layer.activityRegularizer()).isEqualTo(new L1L2(0.01, 0.01));
            assertThat(layer.kernelConstraint()).isEqualTo(new MaxNorm(0.6, 0, 1, 2));
            assertThat(layer.biasConstraint()).isEqualTo(new NonNeg());
            assertThat(model.compileConfig().optimizer().clipping()).isEqualTo(new GradientClipping(0.3, null, null));
            assertThat(maxDifference(flat(model.predict(x)), conv.get("predictions_before"))).isLessThan(1e-6);
            List<Double> loss = model.fit(x, y, FitOptions.defaults().epochs(2).batchSize(4).shuffle(false).verbose(0)).history().get("loss");
            double lossDiff = maxDifference(loss, conv.get("loss"));
            double weightDiff = 0;
            List<float[]> weights = model.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                weightDiff = Math.max(weightDiff, maxDifference(weights.get(i), conv.get("weights").get(i)));
            }
            System.out.printf("conv2d: max |KerasJ - Keras| loss %.3g, weights %.3g (loss %s)%n", lossDiff, weightDiff, loss);
            assertThat(lossDiff).isLessThan(LOSS_TOLERANCE);
            assertThat(weightDiff).isLessThan(WEIGHT_TOLERANCE);
        }
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    /** Numbers equal by value (Keras's {@code 2} and KerasJ's {@code 2.0}), everything else as JSON. */
    private static final java.util.Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static double maxDifference(List<Double> actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        double max = 0;
        for (int i = 0; i < actual.size(); i++) {
            max = Math.max(max, Math.abs(actual.get(i) - expected.get(i).asDouble()));
        }
        return max;
    }

    private static double maxDifference(float[] actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected.get(i).asDouble()));
        }
        return max;
    }

    private static float[] flat(float[][] rows) {
        int n = 0;
        for (float[] r : rows) {
            n += r.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }

    private static ArrayNode floats(float[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (float v : values) {
            a.add(v);
        }
        return a;
    }
}
