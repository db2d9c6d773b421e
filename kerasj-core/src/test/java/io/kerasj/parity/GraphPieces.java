package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Add;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code graph} pieces of pieces.txt: a layer shared by two inputs and a model nested in another, built with the
 * functional API as layer_reference.py builds them in Keras; forward to the piece's output, and the gradients of every
 * weight as {@code w_before - w_after} of one SGD step (learning rate 1) on the whole batch.
 */
final class GraphPieces {
    private static final int CLASSES = 3;

    private GraphPieces() {
    }

    /** The model up to the piece's output, and the whole model with the softmax head. */
    private record Built(Model piece, Model full) {
    }

    private static Built build(String kind) {
        if (kind.equals("shared")) {
            Input left = new Input(4);
            Input right = new Input(4);
            Dense shared = new Dense(3, "tanh");
            KerasTensor merged = new Add().apply(shared.apply(left), shared.apply(right));
            KerasTensor head = new Dense(CLASSES, "softmax").apply(merged);
            return new Built(new Model(List.of(left, right), List.of(merged)), new Model(List.of(left, right), List.of(head)));
        }
        Sequential inner = new Sequential(1);
        inner.add(new Input(5)).add(new Dense(3, "tanh"));
        Input baseIn = new Input(4);
        Model base = new Model(baseIn, inner.apply(new Dense(5, "relu").apply(baseIn)));
        Input outerIn = new Input(4);
        KerasTensor merged = base.apply(outerIn);
        KerasTensor head = new Dense(CLASSES, "softmax").apply(merged);
        return new Built(new Model(outerIn, merged), new Model(outerIn, head));
    }

    static void check(ReferenceArrays ref, String name, JsonNode config) {
        List<FloatSamples> inputs = new ArrayList<>();
        List<float[]> arrays = ref.floatList(name + "/inputs");
        for (int i = 0; i < arrays.size(); i++) {
            int[] shape = ref.shape(name + "/inputs/" + i);
            inputs.add(FloatSamples.of(arrays.get(i), java.util.Arrays.copyOfRange(shape, 1, shape.length)));
        }
        int[] labels = ref.ints(name + "/y");
        List<float[]> weights = ref.floatList(name + "/weights");
        Built built = build(config.path("model").asText());
        try (Model piece = built.piece(); Model full = built.full()) {
            full.setWeights(weights);
            float[] forward = flat(piece.predict(inputs).get(0));
            double forwardError = LayerParityTest.relative(forward, ref.floats(name + "/forward"));
            full.compile(CompileOptions.defaults().optimizer(new SGD(1)).loss(new SparseCategoricalCrossentropy()));
            full.fit(inputs, List.of(Targets.classes(labels)), FitOptions.defaults().epochs(1).batchSize(labels.length).shuffle(false).verbose(0));
            float[] java = TrainingPieces.difference(weights, full.getWeights());
            double gradientError = LayerParityTest.relative(java, TrainingPieces.concat(ref.floatList(name + "/grads")));
            System.out.printf(Locale.ROOT, "graph  %-18s forward %.2e, gradients %.2e%n", name, forwardError, gradientError);
            assertThat(forwardError).as("%s: forward", name).isLessThanOrEqualTo(LayerParityTest.FORWARD_TOLERANCE);
            assertThat(gradientError).as("%s: gradients", name).isLessThanOrEqualTo(LayerParityTest.GRADIENT_TOLERANCE);
        }
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }
}
