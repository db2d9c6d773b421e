package io.kerasj.cli;

import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import io.kerasj.models.StepLogs;
import io.kerasj.models.TrainStep;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A functional model whose {@code trainStep} is Keras 3's default {@code train_step} written out by hand, as a user
 * who overrides it starts: forward pass, compiled loss, gradients of the trainable weights, the compiled optimizer,
 * the compiled metrics. {@code kerasj bench --train-step own} times it against the same floors as the built-in step.
 */
public final class OwnTrainStepModel extends Model {

    /**
     * @param input the input tensor
     * @param output the output tensor, made from the input by layers
     */
    public OwnTrainStepModel(KerasTensor input, KerasTensor output) {
        super(input, output);
    }

    @Override
    protected StepLogs trainStep(TrainStep step) {
        List<LayerOutput> yPred = step.call(step.x(), true);                    // y_pred = self(x, training=True)
        Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);  // loss = self.compute_loss(x, y, y_pred)
        List<WeightSpec> weights = step.trainableWeights();
        List<Operand<TFloat32>> grads = step.gradients(loss, weights);         // tape.gradient(loss, trainable_weights)
        step.applyGradients(step.optimizer(), grads, weights);                 // self.optimizer.apply(grads, trainable_weights)
        step.updateMetrics(step.y(), yPred);                                   // self.compute_metrics(x, y, y_pred)
        return StepLogs.of(loss);
    }
}
