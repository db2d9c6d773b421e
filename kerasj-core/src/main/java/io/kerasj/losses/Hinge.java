package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code hinge}: {@code mean(max(1 - y_true y_pred, 0))} over the last axis; 0/1 targets become -1/1 (when every target of the batch is 0 or 1, as Keras decides). */
public record Hinge() implements Loss {

    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Hinge.plusMinusOne(tf, Loss.floats(tf, yTrue));
        return tf.math.mean(Hinge.margin(tf, target, yPred.output()), tf.constant(-1));
    }

    /** Keras's {@code convert_binary_labels_to_hinge}: {@code 2 y - 1} when every target is 0 or 1, else the targets. */
    static Operand<TFloat32> plusMinusOne(Ops tf, Operand<TFloat32> target) {
        Operand<TBool> binary = tf.reduceAll(tf.math.logicalOr(tf.math.equal(target, tf.constant(0f)), tf.math.equal(target, tf.constant(1f))),
                tf.range(tf.constant(0), tf.rank(target), tf.constant(1)));
        Operand<TFloat32> converted = tf.math.sub(tf.math.mul(tf.constant(2f), target), tf.constant(1f));
        return tf.select(binary, converted, target);
    }

    /** @return {@code max(1 - target output, 0)} */
    static Operand<TFloat32> margin(Ops tf, Operand<TFloat32> target, Operand<TFloat32> output) {
        return tf.math.maximum(tf.math.sub(tf.constant(1f), tf.math.mul(target, output)), tf.constant(0f));
    }
}
