package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Dropout}: in training, zeroes each value with probability {@code rate} and scales the rest by
 * {@code 1 / (1 - rate)}; the identity at inference.
 */
public final class Dropout extends Layer {
    private final float rate;

    /** @param rate the fraction of values dropped, in [0, 1) */
    public Dropout(double rate) {
        this(rate, null);
    }

    /**
     * @param rate the fraction of values dropped, in [0, 1)
     * @param name the layer's name, or null
     */
    public Dropout(double rate, String name) {
        super(name);
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
        long seed = context.seed();
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(input), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed + 1));
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
        return LayerOutput.of(tf.math.mul(input, tf.math.mul(keep, tf.constant(1f / (1f - rate)))));
    }
}
