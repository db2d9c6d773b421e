package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code log_cosh}: with {@code x = y_pred - y_true}, {@code mean(x + softplus(-2x) - log 2)} over the last axis. */
public record LogCosh() implements Loss {

    @Override
    public String name() {
        return "log_cosh";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> x = tf.math.sub(yPred.output(), Loss.floats(tf, yTrue));
        Operand<TFloat32> logCosh = tf.math.sub(tf.math.add(x, tf.math.softplus(tf.math.mul(x, tf.constant(-2f)))),
                tf.constant((float) Math.log(2)));
        return tf.math.mean(logCosh, tf.constant(-1));
    }
}
