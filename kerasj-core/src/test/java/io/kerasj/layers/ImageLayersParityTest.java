package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.losses.Loss;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convolution and shape layers of Keras Applications against Keras 3 ({@code python-reference/image_layers_parity.py},
 * one Python process for the class): one model with ZeroPadding2D, Conv2D (strides, groups, dilation), DepthwiseConv2D
 * (plain and dilated), SeparableConv2D, Conv2DTranspose (same, and valid with output_padding), UpSampling2D (bilinear,
 * nearest) and Cropping2D predicts as Keras's, its {@code .keras}/{@code .h5} files load both ways, and one SGD step
 * moves every weight as Keras's does (so each layer's gradient is Keras's).
 */
@Tag("python")
@Tag("slow")
class ImageLayersParityTest {
    private static final double TOLERANCE = 1e-5;
    private static final int SAMPLES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;
    private static JsonNode keras;
    private static float[] javaPredictions;
    private static List<float[]> initialWeights;

    static Sequential build() {
        Sequential model = new Sequential(5);
        model.add(new Input(8, 8, 3));
        model.add(new ZeroPadding2D(new int[][] {{0, 1}, {1, 0}}));
        model.add(new Conv2D(4, 3).strides(2));
        model.add(new DepthwiseConv2D(3).padding("same").depthMultiplier(2).activation("relu"));
        model.add(new Conv2D(4, 3).padding("same").groups(2));
        model.add(new DepthwiseConv2D(2).padding("same").dilationRate(2));
        model.add(new Conv2D(4, 2).padding("same").dilationRate(2));
        model.add(new SeparableConv2D(6, 3).padding("same").depthMultiplier(2).activation("tanh"));
        model.add(new Conv2DTranspose(3, 3).strides(2).padding("same"));
        model.add(new UpSampling2D(2).interpolation("bilinear"));
        model.add(new Cropping2D(new int[][] {{1, 2}, {2, 1}}));
        model.add(new UpSampling2D(1, 2));
        model.add(new Conv2DTranspose(2, 2).strides(2).outputPadding(1));
        model.add(new Flatten());
        model.add(new Dense(2));
        return model;
    }

    private static float[] x() {
        float[] x = new float[SAMPLES * 8 * 8 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.61 + 0.3);
        }
        return x;
    }

    private static float[] y() {
        float[] y = new float[SAMPLES * 2];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.cos(i * 1.3);
        }
        return y;
    }

    /** Weights of both signs and no zeros, so every bias and kernel entry counts. */
    private static List<float[]> weights(List<float[]> shapesOf) {
        List<float[]> out = new ArrayList<>();
        for (int w = 0; w < shapesOf.size(); w++) {
            float[] values = new float[shapesOf.get(w).length];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) (0.4 * Math.sin(j * 0.73 + w * 1.7 + 0.2));
            }
            out.add(values);
        }
        return out;
    }

    @BeforeAll
    static void runKeras() throws Exception {
        PythonKeras.require();
        ObjectNode spec = JSON.createObjectNode();
        spec.set("x", floats(x()));
        spec.set("y", floats(y()));
        try (Sequential model = build()) {
            initialWeights = weights(model.getWeights());
            model.setWeights(initialWeights);
            ArrayNode weights = spec.putArray("weights");
            List<Weight> described = model.weights();
            for (int i = 0; i < described.size(); i++) {
                ObjectNode w = weights.addObject();
                ArrayNode shape = w.putArray("shape");
                for (long d : described.get(i).shape()) {
                    shape.add(d);
                }
                w.set("values", floats(initialWeights.get(i)));
            }
            model.save(folder.resolve("java.keras"));
            javaPredictions = flat(model.predict(FloatSamples.of(x(), 8, 8, 3)));
        }
        Path specFile = folder.resolve("spec.json");
        JSON.writeValue(specFile.toFile(), spec);
        keras = JSON.readTree(PythonKeras.run(600, Map.of(), "image_layers_parity.py", specFile.toString(), folder.toString()));
    }

    @Test
    void predictsAsKeras() {
        assertThat(maxDifference(javaPredictions, keras.get("predictions"))).isLessThan(TOLERANCE);
    }

    @Test
    void loadsKerassFilesAndPredictsTheSame() {
        for (String ext : new String[] {"keras", "h5"}) {
            try (Model model = KerasFiles.load(folder.resolve("keras." + ext))) {
                assertThat(model.layers()).extracting(Layer::className).contains("DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
                        "ZeroPadding2D", "Cropping2D", "UpSampling2D");
                assertThat(maxDifference(flat(model.predict(FloatSamples.of(x(), 8, 8, 3))), keras.get("predictions"))).as(ext).isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void kerasLoadsKerasJsFileAndPredictsTheSame() {
        assertThat(keras.get("java_file_classes").toString()).contains("DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
                "ZeroPadding2D", "Cropping2D", "UpSampling2D");
        assertThat(maxDifference(javaPredictions, keras.get("java_file_predictions"))).isLessThan(TOLERANCE);
    }

    @Test
    void oneSgdStepMovesEveryWeightAsKeras() {
        try (Sequential model = build()) {
            model.setWeights(initialWeights);
            model.compile(Loss.of("mse"), new SGD(0.1));
            model.fit(FloatSamples.of(x(), 8, 8, 3), Targets.of(y(), 2),
                    FitOptions.defaults().epochs(1).batchSize(SAMPLES).shuffle(false).verbose(0));
            List<float[]> trained = model.getWeights();
            JsonNode expected = keras.get("trained_weights");
            assertThat(trained).hasSameSizeAs(expected);
            for (int i = 0; i < trained.size(); i++) {
                double moved = 0;
                for (int j = 0; j < trained.get(i).length; j++) {
                    moved = Math.max(moved, Math.abs(trained.get(i)[j] - initialWeights.get(i)[j]));
                }
                assertThat(moved).as("weight %s moved", keras.get("weight_paths").get(i)).isGreaterThan(1e-7);
                assertThat(maxDifference(trained.get(i), expected.get(i))).as("weight %s", keras.get("weight_paths").get(i)).isLessThan(TOLERANCE);
            }
        }
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
