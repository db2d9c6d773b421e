package io.kerasj.engine;

import io.kerasj.layers.WeightSpec;
import io.kerasj.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras 3's additional losses: the losses the layers added in the forward pass (activity penalties, {@code add_loss})
 * and the penalties of the trainable weights' regularizers on their current values, summed into the compiled loss
 * as {@code Trainer.compute_loss} does, in training, evaluation and validation alike.
 */
final class Regularization {
    private Regularization() {
    }

    /**
     * Keras's activity penalty of one layer output, as {@code Layer.__call__} records it: the regularizer's value
     * divided by the batch size ({@code divide_no_nan}).
     */
    static Operand<TFloat32> activity(Ops tf, Regularizer regularizer, Operand<TFloat32> output) {
        Operand<TFloat32> penalty = regularizer.call(tf, output);
        Operand<TInt32> batch = tf.gather(tf.shape(output), tf.constant(0), tf.constant(0));
        return tf.math.divNoNan(penalty, tf.dtypes.cast(batch, TFloat32.class));
    }

    /**
     * Keras's {@code compute_loss}: the compiled loss alone when nothing was added, else
     * {@code sum([compiled] + [sum(l) for l in model.losses])}, the added losses in the order the layers ran and then
     * the weight penalties in weight order (Keras's {@code _get_regularization_losses}: trainable weights only).
     *
     * @param compiled the compiled loss of the batch, a scalar
     * @param forward the batch's forward pass, with the losses its layers added
     * @param weights the model's weights
     * @param values their current values, by handle
     * @return the total loss, a scalar
     */
    static Operand<TFloat32> totalLoss(Ops tf, Operand<TFloat32> compiled, Forward forward, List<WeightSpec> weights,
                                       Map<WeightSpec, Operand<TFloat32>> values) {
        return totalLoss(tf, compiled, forward.losses(), weights, values);
    }

    /**
     * {@link #totalLoss(Ops, Operand, Forward, List, Map)} for the losses a training step's forward passes added.
     *
     * @param added the scalar or tensor losses the layers added, in order
     */
    static Operand<TFloat32> totalLoss(Ops tf, Operand<TFloat32> compiled, List<Operand<TFloat32>> added, List<WeightSpec> weights,
                                       Map<WeightSpec, Operand<TFloat32>> values) {
        return sum(tf, compiled, additional(tf, added, weights, values));
    }

    private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> compiled, List<Operand<TFloat32>> additional) {
        if (additional.isEmpty()) {
            return compiled;
        }
        List<Operand<TFloat32>> all = new ArrayList<>();
        all.add(compiled);
        all.addAll(additional);
        return tf.reduceSum(tf.stack(all), tf.constant(0));
    }

    /**
     * The sum an evaluation adds up for one batch, as Keras's loss tracker weights each batch's total loss by its
     * size: the per-sample losses' sum when nothing was added, else {@code totalLoss * batch}.
     *
     * @param perSampleLoss the compiled loss of each sample of the batch
     * @param forward the batch's forward pass
     * @param weights the model's weights
     * @param values their current values
     * @return the batch's loss sum, a scalar
     */
    static Operand<TFloat32> lossSum(Ops tf, Operand<TFloat32> perSampleLoss, Forward forward, List<WeightSpec> weights,
                                     Map<WeightSpec, Operand<TFloat32>> values) {
        List<Operand<TFloat32>> additional = additional(tf, forward.losses(), weights, values);
        if (additional.isEmpty()) {
            return tf.reduceSum(perSampleLoss, tf.constant(0));
        }
        Operand<TFloat32> total = sum(tf, tf.math.mean(perSampleLoss, tf.constant(0)), additional);
        return tf.math.mul(total, tf.dtypes.cast(tf.size(perSampleLoss, TInt32.class), TFloat32.class));
    }

    private static List<Operand<TFloat32>> additional(Ops tf, List<Operand<TFloat32>> added, List<WeightSpec> weights,
                                                      Map<WeightSpec, Operand<TFloat32>> values) {
        List<Operand<TFloat32>> losses = new ArrayList<>();
        for (Operand<TFloat32> loss : added) {
            losses.add(sumAll(tf, loss));
        }
        for (WeightSpec weight : weights) {
            if (weight.trainable() && weight.regularizer() != null) {
                losses.add(weight.regularizer().call(tf, values.get(weight)));
            }
        }
        return losses;
    }

    /** Keras's {@code _aggregate_additional_loss}: {@code ops.sum(loss)}. */
    private static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> loss) {
        if (loss.shape().numDimensions() == 0) {
            return loss;
        }
        return tf.reduceSum(loss, tf.range(tf.constant(0), tf.rank(loss), tf.constant(1)));
    }
}
