package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code Rescaling(scale, offset=0.0)}: {@code x * scale + offset}, e.g. {@code Rescaling(1 / 255)}. */
public final class Rescaling extends Layer {
    private final float scale;
    private final float offset;

    /** @param scale the factor */
    public Rescaling(double scale) {
        this(scale, 0);
    }

    /**
     * @param scale the factor
     * @param offset added after scaling
     */
    public Rescaling(double scale, double offset) {
        super(null);
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("scale, offset: expected finite numbers, found " + scale + ", " + offset);
        }
        this.scale = (float) scale;
        this.offset = (float) offset;
    }

    /** @return the factor */
    public float scale() {
        return scale;
    }

    /** @return the term added after scaling */
    public float offset() {
        return offset;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        return LayerOutput.of(tf.math.add(tf.math.mul(input, tf.constant(scale)), tf.constant(offset)));
    }
}
