package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's {@code LeakyReLU} layer: {@code x} for positive {@code x}, else {@code negative_slope * x} (Keras 3's default 0.3). */
public final class LeakyReLU extends Layer {
    /** Keras 3's default {@code negative_slope} of the layer (the function's is 0.2). */
    public static final float DEFAULT_NEGATIVE_SLOPE = 0.3f;
    private final float negativeSlope;

    /** Keras's default slope, 0.3. */
    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    /** @param negativeSlope the slope below 0, at least 0 */
    public LeakyReLU(double negativeSlope) {
        super(null);
        if (!(negativeSlope >= 0) || !Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("negative_slope: expected a finite value of at least 0, found " + negativeSlope);
        }
        this.negativeSlope = (float) negativeSlope;
    }

    /** @return Keras's {@code negative_slope} */
    public float negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(context.tf().nn.leakyRelu(input, org.tensorflow.op.nn.LeakyRelu.alpha(negativeSlope)));
    }
}
