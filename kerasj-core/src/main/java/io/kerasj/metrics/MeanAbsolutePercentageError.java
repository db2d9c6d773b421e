package io.kerasj.metrics;

import io.kerasj.losses.Loss;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code mean_absolute_percentage_error}: {@code 100 mean(|(y_true - y_pred) / max(|y_true|, 1e-7)|)} over the last axis. */
public record MeanAbsolutePercentageError() implements Loss {

    @Override
    public String name() {
        return "mean_absolute_percentage_error";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Loss.floats(tf, yTrue);
        Operand<TFloat32> scale = tf.math.maximum(tf.math.abs(target), tf.constant(1e-7f));
        Operand<TFloat32> difference = tf.math.abs(tf.math.div(tf.math.sub(target, yPred.output()), scale));
        return tf.math.mul(tf.constant(100f), tf.math.mean(difference, tf.constant(-1)));
    }
}
