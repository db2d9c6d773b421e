package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.CallContext;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightDeclarations;
import io.kerasj.losses.Loss;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.constraints.NonNeg;
import io.kerasj.optimizers.SGD;
import io.kerasj.regularizers.L1;
import io.kerasj.regularizers.L2;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The losses beyond the compiled one, worked by hand on y = w x + b with w = 2, b = -1, x = (1, 2, 3, 4), targets
 * (0, 4, 4, 8), so the outputs are (1, 3, 5, 7) and the MSE 1.
 */
class RegularizationTest {
    private static final FloatSamples X = FloatSamples.of(new float[] {1, 2, 3, 4}, 1);
    private static final FloatSamples IMAGES = FloatSamples.of(new float[] {1, 2, 3, 4}, 1, 1, 1);
    private static final Targets Y = Targets.of(new float[] {0, 4, 4, 8}, 1);

    /** Keras's {@code add_loss} from a custom layer: an identity adding {@code 0.1 * sum(x)} each call. */
    private static final class SumLoss extends Layer {
        SumLoss() {
            super(null);
        }

        @Override
        protected long[] build(long[] inputShape, WeightDeclarations weights) {
            return inputShape;
        }

        @Override
        public LayerOutput call(CallContext context, Operand<TFloat32> input) {
            context.addLoss(context.tf().math.mul(context.tf().constant(0.1f), input));
            return LayerOutput.of(input);
        }
    }

    private static double evaluate(Model model) {
        model.compile(Loss.of("mse"), new SGD(0.01));
        return model.evaluateToMap(X, Y, 0, System.out).get("loss");
    }

    private static Dense dense() {
        return new Dense(1);
    }

    private static Model model(Dense dense, Layer... after) {
        Input input = new Input(1);
        KerasTensor out = dense.apply(input);
        for (Layer layer : after) {
            out = layer.apply(out);
        }
        Model model = new Model(input, out);
        dense.setWeights(List.of(new float[] {2}, new float[] {-1}));
        return model;
    }

    @Test
    void weightPenaltiesJoinTheLoss() {
        try (Model model = model(dense().kernelRegularizer(new L2(0.5)).biasRegularizer(new L1(0.25)))) {
            assertThat(evaluate(model)).isCloseTo(1 + 0.5 * 4 + 0.25 * 1, within(1e-6));
        }
    }

    @Test
    void conv2dTakesTheSameOptions() {
        // a 1x1 convolution of one channel on 1x1 images is y = w x + b again
        Input input = new Input(1L, 1L, 1L);
        Conv2D conv = new Conv2D(1, 1).kernelRegularizer(new L2(0.5)).activityRegularizer(new L1(0.1)).biasConstraint("non_neg");
        try (Model model = new Model(input, conv.apply(input))) {
            conv.setWeights(List.of(new float[] {2}, new float[] {-1}));
            model.compile(Loss.of("mse"), new SGD(0.01));
            double loss = model.evaluateToMap(IMAGES, Targets.of(new float[] {0, 4, 4, 8}, 1, 1, 1), 0, System.out).get("loss");
            assertThat(loss).isCloseTo(1 + 0.5 * 4 + 0.1 * 16 / 4, within(1e-6));
        }
    }

    @Test
    void activityPenaltyIsDividedByTheBatchSize() {
        // L1(0.1) of the outputs (1, 3, 5, 7) = 1.6, over the batch of 4
        try (Model model = model(dense().activityRegularizer("l1"))) {
            assertThat(evaluate(model)).isCloseTo(1 + 0.01 * 16 / 4, within(1e-6));
        }
        try (Model model = model(dense().activityRegularizer(new L1(0.1)))) {
            assertThat(evaluate(model)).isCloseTo(1 + 0.1 * 16 / 4, within(1e-6));
        }
    }

    @Test
    void aLayerAddsItsOwnLossAndANestedModelHandsItUp() {
        try (Model model = model(dense(), new SumLoss())) {
            assertThat(evaluate(model)).isCloseTo(1 + 0.1 * 16, within(1e-5));
        }
        Dense inner = dense();
        try (Model base = model(inner, new SumLoss()); Sequential outer = new Sequential()) {
            outer.add(new Input(1));
            outer.add(base);
            assertThat(evaluate(outer)).isCloseTo(1 + 0.1 * 16, within(1e-5));
        }
    }

    @Test
    void trainingLogsThePenaltyAndKeepsTheConstraint() {
        // one step of SGD(0.01) on the whole batch: the logged loss is the one before the step, penalty included
        Dense dense = dense().kernelRegularizer(new L2(0.5)).biasConstraint(new NonNeg());
        try (Model model = model(dense)) {
            model.compile(Loss.of("mse"), new SGD(0.01));
            double loss = model.fit(X, Y, FitOptions.defaults().epochs(1).batchSize(4).verbose(0)).history().get("loss").get(0);
            assertThat(loss).isCloseTo(1 + 0.5 * 4, within(1e-6));
            // dMSE/db = mean(2 (out - y)) = 2 * (1 - 1 + 1 - 1) / 4 = 0, so b stays -1 and NonNeg sets it to 0
            assertThat(dense.getWeights().get(1)[0]).isZero();
        }
    }
}
