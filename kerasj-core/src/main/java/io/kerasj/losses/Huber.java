package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code huber}: with {@code e = y_pred - y_true}, {@code 0.5 e²} where {@code |e| <= delta}, else
 * {@code delta |e| - 0.5 delta²}, averaged over the last axis.
 *
 * @param delta where the loss turns from quadratic to linear (Keras default 1.0)
 */
public record Huber(double delta) implements Loss {

    /** Keras's default: delta 1.0. */
    public Huber() {
        this(1.0);
    }

    /**
     * Checks the arguments.
     *
     * @param delta where the loss turns from quadratic to linear (Keras default 1.0)
     */
    public Huber {
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta: expected a finite number >= 0, found " + delta);
        }
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> d = tf.constant((float) delta);
        Operand<TFloat32> half = tf.constant(0.5f);
        Operand<TFloat32> error = tf.math.sub(yPred.output(), Loss.floats(tf, yTrue));
        Operand<TFloat32> absError = tf.math.abs(error);
        Operand<TFloat32> quadratic = tf.math.mul(half, tf.math.square(error));
        Operand<TFloat32> linear = tf.math.sub(tf.math.mul(d, absError), tf.math.mul(half, tf.math.square(d)));
        return tf.math.mean(tf.select(tf.math.lessEqual(absError, d), quadratic, linear), tf.constant(-1));
    }
}
