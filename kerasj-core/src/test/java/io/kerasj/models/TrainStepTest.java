package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightSpec;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras 3's overridable {@code train_step}: a model's own step traced into fit's in-graph loop. */
class TrainStepTest {
    private static final FloatSamples X = FunctionalModelTest.samples(70, 4, 5);
    private static final Targets Y = FunctionalModelTest.targets(X, 1);

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    /** A subclass that keeps the default step (a subclass's layers, hence its dropout seeds, differ from a functional model's). */
    static class DefaultStep extends Model {
        DefaultStep(KerasTensor input, KerasTensor output) {
            super(input, output);
        }
    }

    /** Keras's default train_step written out by hand. */
    static class HandWrittenStep extends Model {
        HandWrittenStep(KerasTensor input, KerasTensor output) {
            super(input, output);
        }

        @Override
        protected StepLogs trainStep(TrainStep step) {
            List<LayerOutput> yPred = step.call(step.x(), true);
            Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
            List<WeightSpec> weights = step.trainableWeights();
            step.applyGradients(step.optimizer(), step.gradients(loss, weights), weights);
            step.updateMetrics(step.y(), yPred);
            return StepLogs.of(loss);
        }
    }

    private static Model mlp(boolean handWritten, String optimizer) {
        Input input = new Input(4);
        KerasTensor hidden = new Dropout(0.2).apply(new Dense(8, "relu").apply(input));
        KerasTensor output = new Dense(1).apply(hidden);
        Model model = handWritten ? new HandWrittenStep(input, output) : new DefaultStep(input, output);
        model.seed(21);
        model.compile(CompileOptions.defaults().optimizer(optimizer).loss("mse").metrics("mae"));
        return model;
    }

    @Test
    void aHandWrittenDefaultStepTrainsExactlyAsFit() {
        for (String optimizer : new String[] {"sgd", "adam"}) {
            try (Model byFit = mlp(false, optimizer); Model byStep = mlp(true, optimizer)) {
                History a = byFit.fit(X, Y, FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
                History b = byStep.fit(X, Y, FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
                assertThat(b.history()).as(optimizer).isEqualTo(a.history());
                assertSame(byStep.getWeights(), byFit.getWeights());
                assertSame(byStep.getOptimizerState(), byFit.getOptimizerState());
                assertThat(byStep.trainOnBatch(X, Y)).isEqualTo(byFit.trainOnBatch(X, Y));
            }
        }
    }

    @Test
    void anOwnStepStopsAtTheFirstNonFiniteLossKeepingTheLastFiniteWeights() {
        Input input = new Input(4);
        Model model = new HandWrittenStep(input, new Dense(1).apply(new Dense(8, "relu").apply(input)));
        model.seed(2);
        model.compile(CompileOptions.defaults().optimizer(new SGD(1e12)).loss("mse"));
        try (model) {
            History history = model.fit(X, Y, FitOptions.defaults().epochs(20).batchSize(8).verbose(0));
            assertThat(history.history().get("loss").size()).isLessThan(20);
            for (float[] weight : model.getWeights()) {
                for (float w : weight) {
                    assertThat(Float.isFinite(w)).isTrue();
                }
            }
        }
    }

    /** Gradients clipped by hand to a global norm, as Keras's {@code global_clipnorm}. */
    static class ClippedStep extends Model {
        private final float clipNorm;

        ClippedStep(KerasTensor input, KerasTensor output, float clipNorm) {
            super(input, output);
            this.clipNorm = clipNorm;
        }

        @Override
        protected StepLogs trainStep(TrainStep step) {
            Ops tf = step.tf();
            List<LayerOutput> yPred = step.call(step.x(), true);
            Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
            List<WeightSpec> weights = step.trainableWeights();
            List<Operand<TFloat32>> grads = step.gradients(loss, weights);
            Operand<TFloat32> norm = step.globalNorm(grads);
            Operand<TFloat32> scale = tf.math.div(tf.constant(clipNorm), tf.math.maximum(norm, tf.constant(clipNorm)));
            List<Operand<TFloat32>> clipped = new ArrayList<>();
            grads.forEach(g -> clipped.add(tf.math.mul(g, scale)));
            step.applyGradients(step.optimizer(), clipped, weights);
            step.updateMetrics(step.y(), yPred);
            return StepLogs.of(loss);
        }
    }

    @Test
    void gradientsClippedByHandMoveTheWeightsByTheLearningRateTimesTheClipNorm() {
        Input input = new Input(4);
        ClippedStep model = new ClippedStep(input, new Dense(1).apply(new Dense(8, "relu").apply(input)), 0.01f);
        model.seed(3);
        model.compile(CompileOptions.defaults().optimizer(new SGD(0.5)).loss("mse"));
        try (model) {
            List<float[]> before = model.getWeights();
            model.fit(X, Y, FitOptions.defaults().epochs(1).batchSize(70).verbose(0)); // one step on the whole set
            double squares = 0;
            for (int i = 0; i < before.size(); i++) {
                for (int k = 0; k < before.get(i).length; k++) {
                    double d = model.getWeights().get(i)[k] - before.get(i)[k];
                    squares += d * d;
                }
            }
            // the gradient's norm on this problem is far above 0.01, so the step is lr * clip_norm = 0.005 long
            assertThat(Math.sqrt(squares)).isCloseTo(0.005, within(1e-6));
        }
    }

    /** The first Dense layer trained by the compiled optimizer, the second by one of its own. */
    static class TwoOptimizers extends Model {
        private final Dense first;
        private final Dense second;
        private final Optimizer other;

        TwoOptimizers(Input input, Dense first, Dense second, Optimizer other) {
            super(input, second.apply(first.apply(input)));
            this.first = first;
            this.second = second;
            this.other = other;
        }

        @Override
        protected StepLogs trainStep(TrainStep step) {
            List<LayerOutput> yPred = step.call(step.x(), true);
            Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
            List<WeightSpec> firstWeights = step.trainableWeights(first);
            List<WeightSpec> secondWeights = step.trainableWeights(second);
            List<WeightSpec> all = new ArrayList<>(firstWeights);
            all.addAll(secondWeights);
            List<Operand<TFloat32>> grads = step.gradients(loss, all);
            step.applyGradients(step.optimizer(), grads.subList(0, firstWeights.size()), firstWeights);
            step.applyGradients(other, grads.subList(firstWeights.size(), all.size()), secondWeights);
            step.updateMetrics(step.y(), yPred);
            return StepLogs.of(loss);
        }
    }

    private static Model twoLayers(Optimizer compiled, Optimizer other) {
        Input input = new Input(4);
        Dense first = new Dense(8, "relu");
        Dense second = new Dense(1);
        Model model = other == null ? new DefaultStep(input, second.apply(first.apply(input))) : new TwoOptimizers(input, first, second, other);
        model.seed(11);
        model.compile(CompileOptions.defaults().optimizer(compiled).loss("mse").metrics("mae"));
        return model;
    }

    @Test
    void twoOptimizersOnTwoWeightSubsetsKeepSlotsOfTheirOwn() {
        // Adam is elementwise, so a second Adam of the same settings on the second layer trains as one Adam on all
        // weights: its own slots and step count must be kept as the compiled one's. (Its learning rate is a constant
        // where the compiled one's is read from a variable, so TensorFlow may round one operation differently.)
        try (Model one = twoLayers(new Adam(0.01), null); Model two = twoLayers(new Adam(0.01), new Adam(0.01))) {
            History a = one.fit(X, Y, FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
            History b = two.fit(X, Y, FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
            for (int e = 0; e < 3; e++) {
                assertThat(b.history().get("loss").get(e)).isCloseTo(a.history().get("loss").get(e), within(1e-6));
            }
            assertClose(two.getWeights(), one.getWeights(), 1e-6);
        }
        // a different optimizer on the second layer: the first layer's weights are the compiled optimizer's alone
        try (Model sgdSecond = twoLayers(new Adam(0.01), new SGD(0.05)); Model adamAll = twoLayers(new Adam(0.01), null)) {
            History h = sgdSecond.fit(X, Y, FitOptions.defaults().epochs(5).batchSize(16).verbose(0));
            adamAll.fit(X, Y, FitOptions.defaults().epochs(5).batchSize(16).verbose(0));
            List<Double> loss = h.history().get("loss");
            assertThat(loss.get(4)).isLessThan(loss.get(0));
            assertThat(sgdSecond.getWeights().get(2)).isNotEqualTo(adamAll.getWeights().get(2));
        }
    }

    private static void assertClose(List<float[]> actual, List<float[]> expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            for (int k = 0; k < actual.get(i).length; k++) {
                assertThat((double) actual.get(i)[k]).as("array %d [%d]", i, k).isCloseTo(expected.get(i)[k], within(tolerance));
            }
        }
    }

    private static void assertSame(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("array %d", i).containsExactly(expected.get(i));
        }
    }
}
