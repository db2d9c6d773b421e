package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code poisson}: {@code mean(y_pred - y_true log(y_pred + 1e-7))} over the last axis. */
public record Poisson() implements Loss {

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> output = yPred.output();
        Operand<TFloat32> logs = tf.math.log(tf.math.add(output, tf.constant(1e-7f)));
        return tf.math.mean(tf.math.sub(output, tf.math.mul(Loss.floats(tf, yTrue), logs)), tf.constant(-1));
    }
}
