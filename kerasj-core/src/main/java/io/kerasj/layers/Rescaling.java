package io.kerasj.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Rescaling(scale, offset=0.0)}: {@code x * scale + offset}, e.g. {@code Rescaling(1 / 255)}. A scale
 * or offset may also hold one value per channel (the last axis), as Keras's list or array broadcasts.
 */
public final class Rescaling extends Layer {
    private final float[] scale;
    private final float[] offset;

    /** @param scale the factor */
    public Rescaling(double scale) {
        this(scale, 0);
    }

    /**
     * @param scale the factor
     * @param offset added after scaling
     */
    public Rescaling(double scale, double offset) {
        this(new float[] {(float) scale}, new float[] {(float) offset});
    }

    /**
     * @param scale one factor, or one per channel
     * @param offset one value added after scaling, or one per channel
     */
    public Rescaling(float[] scale, float[] offset) {
        super(null);
        this.scale = checked("scale", scale);
        this.offset = checked("offset", offset);
    }

    private static float[] checked(String what, float[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + ": expected one value or one per channel, found none");
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + ": expected finite numbers, found " + Arrays.toString(values));
            }
        }
        return values.clone();
    }

    /** @return the factor: one value, or one per channel */
    public float[] scale() {
        return scale.clone();
    }

    /** @return the value added after scaling: one value, or one per channel */
    public float[] offset() {
        return offset.clone();
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long channels = inputShape.length == 0 ? 1 : inputShape[inputShape.length - 1];
        for (float[] values : new float[][] {scale, offset}) {
            if (values.length > 1 && (inputShape.length == 0 || channels > 0 && values.length != channels)) {
                throw new IllegalArgumentException("layer " + name() + " (Rescaling): " + values.length + " values per channel, but its input "
                        + Shapes.batchTuple(inputShape) + " has " + channels + " on the last axis");
            }
        }
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        return LayerOutput.of(tf.math.add(tf.math.mul(input, constant(tf, scale)), constant(tf, offset)));
    }

    private static Operand<TFloat32> constant(Ops tf, float[] values) {
        return values.length == 1 ? tf.constant(values[0]) : tf.constant(values);
    }
}
