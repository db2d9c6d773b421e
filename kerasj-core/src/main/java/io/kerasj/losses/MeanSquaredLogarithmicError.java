package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code mean_squared_logarithmic_error}: {@code mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))²)} over the last axis. */
public record MeanSquaredLogarithmicError() implements Loss {

    @Override
    public String name() {
        return "mean_squared_logarithmic_error";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> epsilon = tf.constant(1e-7f);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> first = tf.math.log(tf.math.add(tf.math.maximum(yPred.output(), epsilon), one));
        Operand<TFloat32> second = tf.math.log(tf.math.add(tf.math.maximum(Loss.floats(tf, yTrue), epsilon), one));
        return tf.math.mean(tf.math.square(tf.math.sub(first, second)), tf.constant(-1));
    }
}
