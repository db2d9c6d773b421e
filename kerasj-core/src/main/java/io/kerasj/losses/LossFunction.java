package io.kerasj.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * A loss or metric function as Keras takes one, {@code fn(y_true, y_pred)}: in Java
 * {@code (tf, yTrue, yPred) -> tf.math.mean(tf.math.square(tf.math.sub(yPred, yTrue)), tf.constant(-1))}. It returns
 * one value per sample ({@code [batch]}, or {@code [batch, ...]}, averaged over the extra axes) or one value for the
 * batch (a scalar, taken as every sample's value, so the batch's mean is that value, as Keras's
 * {@code sum_over_batch_size} reduces it). {@code compile} wraps it in a {@link LossFunctionWrapper} (a loss) or a
 * {@code MeanMetricWrapper} (a metric). Registered with
 * {@link io.kerasj.saving.ObjectRegistration#registerKerasSerializable(String, String, Object)}, it saves by name.
 */
@FunctionalInterface
public interface LossFunction {

    /**
     * @param tf the graph's ops
     * @param yTrue the targets, as float32, with the output's rank
     * @param yPred the model's output
     * @return the loss per sample, or a scalar for the batch
     */
    Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

    /**
     * Calls {@code function} as Keras's wrappers do: targets cast to float32 and given the output's rank
     * ({@code squeeze_or_expand_to_same_rank}), a scalar result spread over the batch.
     *
     * @param function the function
     * @param tf the graph's ops
     * @param yTrue the targets, any number type
     * @param yPred the model's output
     * @return one value per sample, {@code [batch]} or {@code [batch, ...]}
     */
    static Operand<TFloat32> perSample(LossFunction function, Ops tf, Operand<? extends TNumber> yTrue, Operand<TFloat32> yPred) {
        Operand<TFloat32> targets = Loss.floats(tf, yTrue);
        int trueRank = targets.shape().numDimensions();
        int predRank = yPred.shape().numDimensions();
        if (trueRank == predRank - 1 && yPred.shape().get(predRank - 1) == 1) {
            targets = tf.expandDims(targets, tf.constant(-1));
        } else if (trueRank == predRank + 1 && targets.shape().get(trueRank - 1) == 1) {
            targets = tf.squeeze(targets, org.tensorflow.op.core.Squeeze.axis(-1L));
        }
        Operand<TFloat32> values = function.call(tf, targets, yPred);
        if (values.shape().numDimensions() != 0) {
            return values;
        }
        Operand<TInt32> batch = tf.slice(tf.shape(yPred), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        return tf.fill(batch, values);
    }
}
