package io.kerasj.models;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.engine.CustomStepProgram;
import io.kerasj.engine.ModelRuntime;
import io.kerasj.engine.TrainStepGraph;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A training step of one's own, for a training loop of one's own: what Python writes with {@code tf.GradientTape}
 * inside a {@code @tf.function}. TensorFlow Java has no eager gradients, so the step is written once as a function
 * of a {@link TrainStep} (forward pass, TensorFlow ops, {@link TrainStep#gradients} for {@code tape.gradient},
 * {@link TrainStep#applyGradients} for {@code optimizer.apply_gradients}), built into the model's graph on the first
 * {@link #run}, and then run on each batch from a plain Java loop. The weights are the model's: {@code fit},
 * {@code predict} and {@code save} see what the loop trained.
 *
 * <p>The loop of the course's chapter 3:
 * <pre>{@code
 * // with tf.GradientTape() as tape: y_pred = model(x); loss = reduce_mean(mse(y, y_pred))
 * // grads = tape.gradient(loss, model.trainable_variables); optimizer.apply_gradients(zip(grads, vars))
 * Optimizer optimizer = new SGD(0.05);
 * CustomStep trainStep = model.customStep(step -> {
 *     Ops tf = step.tf();
 *     LayerOutput yPred = step.call(step.x(), true).get(0);
 *     Operand<TFloat32> loss = tf.math.mean(new MeanSquaredError().call(tf, step.y().get(0), yPred), tf.constant(0));
 *     List<WeightSpec> vars = step.trainableWeights();
 *     step.applyGradients(optimizer, step.gradients(loss, vars), vars);
 *     return StepLogs.of(loss);
 * });
 * for (int i = 0; i < 1000; i++) {
 *     int[] batch = randomBatch(32);
 *     double loss = trainStep.run(x.rows(batch), y.rows(batch)).get("loss");
 * }
 * }</pre>
 *
 * <p>Each optimizer the step uses keeps slots and a step count of its own for this step (the compiled optimizer's
 * state in {@code fit} is another); the compiled optimizer follows the model's learning rate, others run at their
 * own. Compiled metrics updated with {@link TrainStep#updateMetrics} accumulate over runs until
 * {@link #resetMetrics()}. A recompile rebuilds the model's graph; the step is then rebuilt on its next run, with
 * fresh optimizer state.
 */
public final class CustomStep {
    private final ModelRuntime runtime;
    private final TrainStepGraph.StepFunction function;
    private CustomStepProgram program;

    CustomStep(ModelRuntime runtime, Function<TrainStep, StepLogs> step) {
        Objects.requireNonNull(step, "step");
        this.runtime = runtime;
        this.function = graph -> {
            StepLogs logs = step.apply(new TrainStep(graph));
            if (logs == null) {
                throw new IllegalStateException("custom step: the step returned no logs; return StepLogs.of(loss)");
            }
            return logs.loss();
        };
    }

    /**
     * Runs the step on one batch of a model of one input and one output.
     *
     * @param x the batch's samples
     * @param y its targets
     * @return {@code loss} (this batch's), then the compiled metrics the step updated (over the runs since the last
     *     reset)
     */
    public Map<String, Double> run(FloatSamples x, Targets y) {
        return run(List.of(x), List.of(y));
    }

    /**
     * Runs the step on one batch.
     *
     * @param x each input's samples, in the model's input order
     * @param y each output's targets (their types and shapes fixed by the first run)
     * @return {@code loss}, then the compiled metrics the step updated
     */
    public Map<String, Double> run(List<FloatSamples> x, List<Targets> y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (y.isEmpty()) {
            throw new IllegalArgumentException("y: expected targets for each output, found none");
        }
        if (program == null || program.graph() != runtime.graph()) {
            program = runtime.customStep(function, y);
        }
        return program.run(x, y);
    }

    /** Keras's {@code reset_metrics}: the compiled metrics start afresh. */
    public void resetMetrics() {
        if (program != null) {
            program.resetMetrics();
        }
    }
}
