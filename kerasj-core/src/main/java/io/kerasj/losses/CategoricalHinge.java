package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code categorical_hinge}: {@code max(max((1 - y_true) y_pred) - sum(y_true y_pred) + 1, 0)} over the last axis, for one-hot targets. */
public record CategoricalHinge() implements Loss {

    @Override
    public String name() {
        return "categorical_hinge";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Loss.floats(tf, yTrue);
        Operand<TFloat32> output = yPred.output();
        Operand<TFloat32> positive = tf.reduceSum(tf.math.mul(target, output), tf.constant(-1));
        Operand<TFloat32> negative = tf.reduceMax(tf.math.mul(tf.math.sub(tf.constant(1f), target), output), tf.constant(-1));
        return tf.math.maximum(tf.math.add(tf.math.sub(negative, positive), tf.constant(1f)), tf.constant(0f));
    }
}
