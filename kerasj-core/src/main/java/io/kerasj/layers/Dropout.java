package io.kerasj.layers;

import java.util.List;
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
    private long seed;

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

    /**
     * Sets the op-level seed of the random mask (done by the model from its seed).
     *
     * @param seed the seed
     */
    public void setSeed(long seed) {
        this.seed = seed;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<Operand<TFloat32>> weights, boolean training) {
        if (!training || rate == 0f) {
            return input;
        }
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(input), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed + 1));
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
        return tf.math.mul(input, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
    }
}
