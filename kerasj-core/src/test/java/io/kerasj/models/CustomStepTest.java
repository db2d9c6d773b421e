package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightSpec;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The GradientTape loop of one's own: a step built once into the model's graph, run per batch from Java. */
class CustomStepTest {
    private static final FloatSamples X = FunctionalModelTest.samples(64, 4, 8);
    private static final Targets Y = FunctionalModelTest.targets(X, 2);
    private static final int BATCH = 16;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    private static Sequential regression() {
        Sequential model = new Sequential(17);
        model.add(new Input(4)).add(new Dense(8, "relu")).add(new Dense(1));
        return model;
    }

    /** The chapter-3 step: y_pred = model(x); loss = reduce_mean(mse(y, y_pred)); apply_gradients(zip(grads, vars)). */
    private static CustomStep tapeStep(Model model, Optimizer optimizer) {
        return model.customStep(step -> {
            Ops tf = step.tf();
            LayerOutput yPred = step.call(step.x(), true).get(0);
            Operand<TFloat32> loss = tf.math.mean(new MeanSquaredError().call(tf, step.y().get(0), yPred), tf.constant(0));
            List<WeightSpec> vars = step.trainableWeights();
            step.applyGradients(optimizer == null ? step.optimizer() : optimizer, step.gradients(loss, vars), vars);
            return StepLogs.of(loss);
        });
    }

    @Test
    void aGradientTapeLoopTrainsAsFitOnTheSameBatches() {
        for (String compiled : new String[] {"sgd", "adam"}) {
            try (Sequential byFit = regression(); Sequential byLoop = regression()) {
                byFit.compile(CompileOptions.defaults().optimizer(compiled).loss("mse"));
                History history = byFit.fit(X, Y, FitOptions.defaults().epochs(2).batchSize(BATCH).shuffle(false).verbose(0));
                // SGD: an optimizer of the loop's own on an uncompiled model; Adam: the compiled one
                Optimizer own = compiled.equals("sgd") ? new SGD(0.01) : null;
                if (own == null) {
                    byLoop.compile(CompileOptions.defaults().optimizer(compiled).loss("mse"));
                }
                CustomStep trainStep = tapeStep(byLoop, own);
                for (int epoch = 0; epoch < 2; epoch++) {
                    double lossSum = 0;
                    for (int from = 0; from < X.count(); from += BATCH) {
                        lossSum += trainStep.run(X.slice(from, from + BATCH), Y.slice(from, from + BATCH)).get("loss");
                    }
                    assertThat(lossSum / (X.count() / BATCH)).as(compiled).isCloseTo(history.history().get("loss").get(epoch), within(1e-5));
                }
                for (int i = 0; i < 4; i++) {
                    float[] a = byLoop.getWeights().get(i);
                    float[] b = byFit.getWeights().get(i);
                    for (int k = 0; k < a.length; k++) {
                        assertThat((double) a[k]).as("%s weight %d [%d]", compiled, i, k).isCloseTo(b[k], within(1e-6));
                    }
                }
                // the loop trained the model's own weights: predict sees them
                float[][] p = byLoop.predict(X);
                float[][] q = byFit.predict(X);
                assertThat((double) p[5][0]).isCloseTo(q[5][0], within(1e-5));
            }
        }
    }

    @Test
    void compiledMetricsAccumulateOverRunsUntilReset() {
        try (Sequential model = regression()) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse").metrics("mae"));
            CustomStep step = model.customStep(s -> {
                List<LayerOutput> yPred = s.call(s.x(), true);
                Operand<TFloat32> loss = s.computeLoss(s.x(), s.y(), yPred);
                s.applyGradients(s.optimizer(), s.gradients(loss, s.trainableWeights()), s.trainableWeights());
                s.updateMetrics(s.y(), yPred);
                return StepLogs.of(loss);
            });
            Map<String, Double> first = step.run(X.slice(0, 16), Y.slice(0, 16));
            assertThat(first.keySet()).containsExactly("loss", "mae");
            Map<String, Double> second = step.run(X.slice(16, 32), Y.slice(16, 32));
            step.resetMetrics();
            Map<String, Double> third = step.run(X.slice(16, 32), Y.slice(16, 32));
            assertThat(second.get("mae")).isNotEqualTo(third.get("mae"));
            assertThat(third.get("loss")).isLessThan(second.get("loss")); // the same batch again, after a step on it
        }
    }

    @Test
    void anUncompiledStepCannotUseTheCompiledLoss() {
        try (Sequential model = regression()) {
            CustomStep step = model.customStep(s -> StepLogs.of(s.computeLoss(s.x(), s.y(), s.call(s.x(), true))));
            assertThatThrownBy(() -> step.run(X.slice(0, 4), Y.slice(0, 4))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not compiled");
        }
    }
}
