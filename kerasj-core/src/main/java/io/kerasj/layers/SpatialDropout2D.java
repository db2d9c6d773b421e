package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code SpatialDropout2D} (channels last): in training, drops whole feature maps, one draw per sample and
 * channel (the noise shape {@code (batch, 1, 1, channels)}); the identity at inference.
 */
public final class SpatialDropout2D extends Dropout {

    /** @param rate the fraction of feature maps dropped, in [0, 1) */
    public SpatialDropout2D(double rate) {
        this(rate, null, null);
    }

    /**
     * @param rate the fraction of feature maps dropped, in [0, 1)
     * @param seed Keras's {@code seed}, kept for the saved config, or null
     * @param name the layer's name, or null
     */
    public SpatialDropout2D(double rate, Integer seed, String name) {
        super(rate, null, seed, name);
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        return inputShape.clone();
    }

    @Override
    protected Operand<TInt32> noiseShape(Ops tf, Operand<TFloat32> input) {
        return tf.math.add(tf.math.mul(tf.shape(input), tf.constant(new int[] {1, 0, 0, 1})), tf.constant(new int[] {0, 1, 1, 0}));
    }
}
