package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Input;
import io.kerasj.layers.Normalization;
import io.kerasj.layers.Layer;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Layer-level parity: for every line of {@code python-reference/pieces.txt} (each layer, activation, loss,
 * optimizer and metric KerasJ supports), KerasJ's forward output is within 1e-5 of Keras 3's and its gradients within
 * 1e-4, both relative to the largest |value| of Keras's. Models as {@code layer_reference.py} describes them, built
 * through the public API only: the forward through {@code predict}, the gradients as {@code w_before - w_after} of
 * one SGD step with learning rate 1 on the whole batch. Losses, optimizers and metrics: {@link TrainingPieces}; merge
 * layers: {@link MergePieces}.
 */
@Tag("python")
class LayerParityTest {
    static final double FORWARD_TOLERANCE = 1e-5;
    static final double GRADIENT_TOLERANCE = 1e-4;
    static final int CLASSES = 3;

    @TestFactory
    Stream<DynamicTest> everyPieceMatchesKeras() {
        ReferenceArrays ref = ReferenceArrays.open(PythonReferences.layers());
        List<String> names = new ArrayList<>();
        ref.value("pieces").forEach(n -> names.add(n.asText()));
        assertThat(names).isNotEmpty();
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(ref, name)));
    }

    private static void check(ReferenceArrays ref, String name) {
        JsonNode piece = ref.value(name);
        String kind = piece.path("kind").asText();
        JsonNode config = piece.path("config");
        if (TrainingPieces.KINDS.contains(kind)) {
            TrainingPieces.check(ref, name, kind, config);
            return;
        }
        if (kind.equals("merge")) {
            MergePieces.check(ref, name, config);
            return;
        }
        int[] xShape = ref.shape(name + "/x");
        int[] sampleShape = java.util.Arrays.copyOfRange(xShape, 1, xShape.length);
        FloatSamples x = FloatSamples.of(ref.floats(name + "/x"), sampleShape);
        int[] y = ref.ints(name + "/y");
        List<float[]> weights = ref.floatList(name + "/weights");
        float[] expectedForward = ref.floats(name + "/forward");
        float[] forward;
        switch (kind) {
            case "dense", "flatten", "dropout", "layer" -> {
                try (Sequential model = input(kind, sampleShape)) {
                    layers(kind, config, sampleShape).forEach(model::add);
                    int own = weights.size() - 2; // the head Dense(3, softmax) holds the last two
                    if (config.path("adapt").asBoolean(false)) {
                        ((Normalization) model.layers().get(0)).adapt(x);
                        double adaptError = relative(TrainingPieces.concat(model.getWeights()), TrainingPieces.concat(weights.subList(0, own)));
                        System.out.printf(Locale.ROOT, "layers %-18s adapt     weights %.2e%n", name, adaptError);
                        assertThat(adaptError).as("%s: adapted weights", name).isLessThanOrEqualTo(FORWARD_TOLERANCE);
                    }
                    if (own > 0) {
                        model.setWeights(weights.subList(0, own));
                    }
                    forward = flatten(model.predict(x));
                }
            }
            default -> throw new AssertionError(name + ": no Java builder for kind '" + kind
                    + "' (python-reference/pieces.txt); add one here and in layer_reference.py");
        }
        double forwardError = relative(forward, expectedForward);
        String gradients = "none (training masks are random)";
        double gradientError = 0;
        if (ref.has(name + "/grads/0")) {
            gradientError = gradientError(ref, name, kind, config, x, y, sampleShape, weights);
            gradients = String.format(Locale.ROOT, "%.2e", gradientError);
        }
        System.out.printf(Locale.ROOT, "layers %-18s %-9s forward %.2e, gradients %s%n", name, kind, forwardError, gradients);
        assertThat(forwardError).as("%s: forward, relative to Keras's largest |value|", name).isLessThanOrEqualTo(FORWARD_TOLERANCE);
        assertThat(gradientError).as("%s: gradients, relative to Keras's largest |gradient|", name).isLessThanOrEqualTo(GRADIENT_TOLERANCE);
    }

    /** The gradients of the mean sparse cross-entropy: w_before - w_after of one SGD step, learning rate 1. */
    private static double gradientError(ReferenceArrays ref, String name, String kind, JsonNode config, FloatSamples x, int[] y,
                                        int[] sampleShape, List<float[]> weights) {
        try (Sequential model = input(kind, sampleShape)) {
            layers(kind, config, sampleShape).forEach(model::add);
            if (model.outputShape().length > 1) {
                model.add(new Flatten());
            }
            model.add(new Dense(CLASSES, "softmax"));
            model.compile(new SparseCategoricalCrossentropy(), new SGD(1), "accuracy");
            model.setWeights(weights);
            model.fit(x, y, TrainingPieces.oneBatchPerStep(y.length));
            List<Boolean> trainable = new ArrayList<>();
            model.layers().forEach(l -> l.weightSpecs().forEach(w -> trainable.add(w.trainable())));
            float[] java = TrainingPieces.difference(onlyTrainable(weights, trainable), onlyTrainable(model.getWeights(), trainable));
            List<float[]> expected = ref.floatList(name + "/grads");
            return relative(java, TrainingPieces.concat(expected));
        }
    }

    private static List<Layer> layers(String kind, JsonNode config, int[] sampleShape) {
        long[] shape = java.util.Arrays.stream(sampleShape).asLongStream().toArray();
        return switch (kind) {
            case "dense" -> List.of(new Dense(config.path("units").asInt(), Activation.of(config.path("activation").asText()), null, shape));
            case "flatten" -> List.of(new Flatten(shape));
            case "dropout" -> List.of(new Flatten(shape), new Dropout(config.path("rate").asDouble()));
            case "layer" -> List.of(KerasLayerConfig.of(config.path("class").asText(), config.path("args")));
            default -> throw new AssertionError("not a layer kind: " + kind);
        };
    }

    /** A model whose input shape is given by an {@link Input} for the layer kind (the other kinds declare it). */
    private static Sequential input(String kind, int[] sampleShape) {
        Sequential model = new Sequential(1);
        if (kind.equals("layer")) {
            model.add(new Input(sampleShape));
        }
        return model;
    }

    private static List<float[]> onlyTrainable(List<float[]> weights, List<Boolean> trainable) {
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            if (trainable.get(i)) {
                kept.add(weights.get(i));
            }
        }
        return kept;
    }

    private static float[] flatten(float[][] rows) {
        return TrainingPieces.concat(List.of(rows));
    }

    /** @return max |actual - expected| / max |expected| */
    static double relative(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs((double) actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / Math.max(scale, Float.MIN_NORMAL);
    }
}
