package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code mean_absolute_error}: {@code mean(|y_true - y_pred|)} over the last axis. */
public record MeanAbsoluteError() implements Loss {

    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        return tf.math.mean(tf.math.abs(tf.math.sub(Loss.floats(tf, yTrue), yPred.output())), tf.constant(-1));
    }
}
