package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code ELU} layer: {@code x} for positive {@code x}, else {@code alpha * (exp(x) - 1)} (default alpha 1). */
public final class ELU extends Layer {
    private final float alpha;

    /** Keras's default alpha, 1. */
    public ELU() {
        this(1);
    }

    /** @param alpha the scale of the negative part */
    public ELU(double alpha) {
        super(null);
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: expected a finite number, found " + alpha);
        }
        this.alpha = (float) alpha;
    }

    /** @return Keras's {@code alpha} */
    public float alpha() {
        return alpha;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> elu = tf.nn.elu(input);
        if (alpha == 1f) {
            return LayerOutput.of(elu);
        }
        return LayerOutput.of(tf.select(tf.math.greater(input, tf.constant(0f)), elu, tf.math.mul(tf.constant(alpha), elu)));
    }
}
