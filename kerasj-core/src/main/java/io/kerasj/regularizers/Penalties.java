package io.kerasj.regularizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The sums the regularizers take, as Keras's {@code ops.sum} over every axis (one reduction, as TensorFlow's). */
final class Penalties {
    private Penalties() {
    }

    /** @return {@code sum(abs(x))} */
    static Operand<TFloat32> sumAbs(Ops tf, Operand<TFloat32> x) {
        return sumAll(tf, tf.math.abs(x));
    }

    /** @return {@code sum(square(x))} */
    static Operand<TFloat32> sumSquares(Ops tf, Operand<TFloat32> x) {
        return sumAll(tf, tf.math.square(x));
    }

    /** @return the sum of every element */
    static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
        Operand<TInt32> axes = tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
        return tf.reduceSum(x, axes);
    }
}
