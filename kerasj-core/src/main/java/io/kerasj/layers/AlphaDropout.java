package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code AlphaDropout}, the dropout of self-normalizing networks: in training each value is dropped with
 * probability {@code rate} to SELU's negative saturation {@code -alpha * scale}, then the result is shifted and
 * scaled by {@code a * x + b} so the mean and variance stay those of the input; the identity at inference.
 */
public final class AlphaDropout extends Layer {
    private static final double ALPHA = 1.6732632423543772848170429916717;
    private static final double SCALE = 1.0507009873554804934193349852946;
    private final float rate;

    /** @param rate the fraction of values dropped, in [0, 1) */
    public AlphaDropout(double rate) {
        super(null);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate: expected a value in [0, 1), found " + rate);
        }
        this.rate = (float) rate;
    }

    /** @return the fraction of values dropped in training */
    public float rate() {
        return rate;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (!context.training() || rate == 0f) {
            return LayerOutput.of(input);
        }
        Ops tf = context.tf();
        double alphaP = -ALPHA * SCALE;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        long seed = context.seed();
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(input), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed + 1));
        Operand<TFloat32> kept = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
        Operand<TFloat32> dropped = tf.math.sub(tf.constant(1f), kept);
        Operand<TFloat32> x = tf.math.add(tf.math.mul(input, kept), tf.math.mul(dropped, tf.constant((float) alphaP)));
        return LayerOutput.of(tf.math.add(tf.math.mul(x, tf.constant((float) a)), tf.constant((float) b)));
    }
}
