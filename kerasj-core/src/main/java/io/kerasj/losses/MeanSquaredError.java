package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code mean_squared_error}: {@code mean((y_true - y_pred)²)} over the last axis. */
public record MeanSquaredError() implements Loss {

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> difference = tf.math.sub(Loss.floats(tf, yTrue), yPred.output());
        return tf.math.mean(tf.math.square(difference), tf.constant(-1));
    }
}
