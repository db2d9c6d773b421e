package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code AlphaDropout}, the dropout of self-normalizing networks: in training each value is dropped with
 * probability {@code rate} to SELU's negative saturation {@code -alpha * scale}, then the result is shifted and
 * scaled by {@code a * x + b} so the mean and variance stay those of the input; the identity at inference.
 */
public final class AlphaDropout extends RandomDropLayer {
    private static final double ALPHA = 1.6732632423543772848170429916717;
    private static final double SCALE = 1.0507009873554804934193349852946;

    /** @param rate the fraction of values dropped, in [0, 1) */
    public AlphaDropout(double rate) {
        super(rate, null);
    }

    @Override
    protected Operand<TFloat32> drop(Ops tf, Operand<TFloat32> input, Operand<TFloat32> kept) {
        float rate = rate();
        double alphaP = -ALPHA * SCALE;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        Operand<TFloat32> dropped = tf.math.sub(tf.constant(1f), kept);
        Operand<TFloat32> x = tf.math.add(tf.math.mul(input, kept), tf.math.mul(dropped, tf.constant((float) alphaP)));
        return tf.math.add(tf.math.mul(x, tf.constant((float) a)), tf.constant((float) b));
    }
}
