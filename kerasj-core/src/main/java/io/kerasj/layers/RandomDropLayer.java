package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What Keras's {@code Dropout} and {@code AlphaDropout} share: a rate in [0, 1), the output shape of the input, the
 * identity at inference, and in training a mask that keeps each value with probability {@code 1 - rate}, drawn
 * from the layer's seed. Subclasses say what becomes of the kept and dropped values.
 */
public abstract class RandomDropLayer extends Layer {
    private final float rate;

    /**
     * @param rate the fraction of values dropped, in [0, 1)
     * @param name the layer's name, or null
     */
    protected RandomDropLayer(double rate, String name) {
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
        Operand<TFloat32> uniform = tf.random.randomUniform(noiseShape(tf, input), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed + 1));
        Operand<TFloat32> kept = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
        return LayerOutput.of(drop(tf, input, kept));
    }

    /**
     * The shape of the mask drawn in training; a dimension of 1 where the input's is larger broadcasts the mask (one
     * draw for the whole axis).
     *
     * @param tf the graph's ops
     * @param input the layer's input, batch first
     * @return the mask's shape: the input's by default
     */
    protected Operand<TInt32> noiseShape(Ops tf, Operand<TFloat32> input) {
        return tf.shape(input);
    }

    /**
     * @param tf the graph's ops
     * @param input the layer's input
     * @param kept 1 where a value is kept, 0 where it is dropped (of the noise shape: broadcast against the input)
     * @return the training output
     */
    protected abstract Operand<TFloat32> drop(Ops tf, Operand<TFloat32> input, Operand<TFloat32> kept);
}
