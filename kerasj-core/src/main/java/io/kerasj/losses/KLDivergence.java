package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code kl_divergence}: {@code sum(y_true log(y_true / y_pred))} over the last axis, both clipped to [1e-7, 1]. */
public record KLDivergence() implements Loss {

    @Override
    public String name() {
        return "kl_divergence";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> epsilon = tf.constant(1e-7f);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> target = tf.clipByValue(Loss.floats(tf, yTrue), epsilon, one);
        Operand<TFloat32> output = tf.clipByValue(yPred.output(), epsilon, one);
        return tf.reduceSum(tf.math.mul(target, tf.math.log(tf.math.div(target, output))), tf.constant(-1));
    }
}
