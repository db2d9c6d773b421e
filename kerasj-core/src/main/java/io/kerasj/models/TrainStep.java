package io.kerasj.models;

import io.kerasj.engine.TrainStepGraph;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.GradientClipping;
import io.kerasj.optimizers.Optimizer;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The means of a training step of one's own, Keras 3's {@code train_step}: the batch, the model's forward pass,
 * the compiled loss and metrics, gradients, and optimizers. A step is traced into TensorFlow ops once and then runs
 * inside {@code fit}'s in-graph loop (so at fit speed) or, for {@link Model#customStep}, once per call.
 *
 * <p>Keras's default step, written with these calls:
 * <pre>{@code
 * protected StepLogs trainStep(TrainStep step) {
 *     List<LayerOutput> yPred = step.call(step.x(), true);                    // y_pred = self(x, training=True)
 *     Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);  // loss = self.compute_loss(...)
 *     List<WeightSpec> weights = step.trainableWeights();
 *     List<Operand<TFloat32>> grads = step.gradients(loss, weights);         // tape.gradient(loss, weights)
 *     step.applyGradients(step.optimizer(), grads, weights);                 // self.optimizer.apply(grads, weights)
 *     step.updateMetrics(step.y(), yPred);                                   // self.compute_metrics(...)
 *     return StepLogs.of(loss);
 * }
 * }</pre>
 *
 * <p>The weights are values, not variables: each call reads the current ones, and {@link #applyGradients} replaces
 * them, so a later forward pass in the same step sees the update (a GAN's generator step after its discriminator
 * step). Take the gradients of a loss with respect to the values it was computed from (before the update that
 * replaces them). Any optimizer may be applied, each keeping its own slots and step count for the weights it
 * updates; a step must use the same optimizers on the same weights every time (it is traced once to find them).
 */
public final class TrainStep extends TestStep {

    TrainStep(TrainStepGraph graph) {
        super(graph);
    }

    /** @return the model's trainable weights, Keras's {@code self.trainable_weights} */
    public List<WeightSpec> trainableWeights() {
        return graph.trainableWeights();
    }

    /**
     * @param layer a layer or nested model of this model
     * @return its trainable weights, Keras's {@code layer.trainable_weights}
     */
    public List<WeightSpec> trainableWeights(Layer layer) {
        return TrainStepGraph.trainable(layer.weightSpecs());
    }

    /**
     * Keras's {@code tape.gradient(loss, weights)}.
     *
     * @param loss a scalar computed in this step
     * @param weights trainable weights of the model, whose current values the loss was computed from
     * @return one gradient per weight (zeros where the loss does not depend on it)
     */
    public List<Operand<TFloat32>> gradients(Operand<TFloat32> loss, List<WeightSpec> weights) {
        return graph.gradients(loss, weights);
    }

    /** @return the compiled optimizer, Keras's {@code self.optimizer} */
    public Optimizer optimizer() {
        return graph.optimizer();
    }

    /**
     * Keras's {@code optimizer.apply(gradients, weights)}: one update of the weights, which then take their new
     * values for the rest of the step. An optimizer other than the compiled one keeps its own slots and step count
     * and runs at its own {@link Optimizer#learningRate()}; the compiled one reads the model's learning rate.
     *
     * @param optimizer any optimizer
     * @param gradients one per weight
     * @param weights trainable weights of the model
     */
    public void applyGradients(Optimizer optimizer, List<Operand<TFloat32>> gradients, List<WeightSpec> weights) {
        graph.applyGradients(optimizer, gradients, weights);
    }

    /**
     * Keras's default {@code train_step} ({@code super().train_step(data)}): forward pass, compiled loss, gradients
     * of every trainable weight, the compiled optimizer, the compiled metrics.
     *
     * @return its logs
     */
    public StepLogs defaultStep() {
        return StepLogs.of(graph.defaultStep());
    }

    /**
     * The global norm of some tensors ({@code tf.linalg.global_norm}): the square root of the sum of their squares.
     *
     * @param tensors gradients, say
     * @return a scalar
     */
    public Operand<TFloat32> globalNorm(List<Operand<TFloat32>> tensors) {
        return GradientClipping.globalNorm(tf(), tensors);
    }
}
