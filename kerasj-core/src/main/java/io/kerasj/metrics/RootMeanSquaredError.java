package io.kerasj.metrics;

import io.kerasj.losses.Loss;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code RootMeanSquaredError} metric: the square root of the running mean of each sample's mean squared
 * error ({@code sqrt(mean((y_pred - y_true)²))} over everything seen since the last reset, not a mean of roots).
 */
public final class RootMeanSquaredError extends MeanMetric {

    /** Named {@code root_mean_squared_error}, as Keras. */
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    /** @param name the name the History shows */
    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        return tf.math.square(tf.math.sub(yPred.output(), Loss.floats(tf, targetsLikeOutput(tf, yTrue, yPred.output(), name()))));
    }

    /** @return the square root of the mean squared error seen since the last reset, or 0 before any */
    @Override
    public double result() {
        return Math.sqrt(super.result());
    }
}
