package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Dropout}: in training, zeroes each value with probability {@code rate} and scales the rest by
 * {@code 1 / (1 - rate)}; the identity at inference.
 */
public final class Dropout extends RandomDropLayer {

    /** @param rate the fraction of values dropped, in [0, 1) */
    public Dropout(double rate) {
        this(rate, null);
    }

    /**
     * @param rate the fraction of values dropped, in [0, 1)
     * @param name the layer's name, or null
     */
    public Dropout(double rate, String name) {
        super(rate, name);
    }

    @Override
    protected Operand<TFloat32> drop(Ops tf, Operand<TFloat32> input, Operand<TFloat32> kept) {
        return tf.math.mul(input, tf.math.mul(kept, tf.constant(1f / (1f - rate()))));
    }
}
