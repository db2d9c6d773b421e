package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What RandomBrightness and RandomContrast share: a {@code factor} pair, a {@code value_range} the result is clipped
 * to, a seed, and a change drawn per image in training only (the identity at inference).
 */
public abstract class ValueRangeAugmentation extends Layer {
    private final String kerasName;
    private final float lower;
    private final float upper;
    private final float[] valueRange;
    private final Long seed;

    /**
     * @param kerasName the layer's Keras class name, for messages
     * @param lower the factor's lower bound, checked by the subclass
     * @param upper the factor's upper bound, checked by the subclass
     * @param low the least pixel value
     * @param high the greatest pixel value
     * @param seed the layer's seed, or null for the model's
     */
    ValueRangeAugmentation(String kerasName, double lower, double upper, double low, double high, Long seed) {
        super(null);
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("value_range: expected finite low < high, found (" + low + ", " + high + ")");
        }
        this.kerasName = kerasName;
        this.lower = (float) lower;
        this.upper = (float) upper;
        this.valueRange = new float[] {(float) low, (float) high};
        this.seed = seed;
    }

    /** @return {lower, upper} as Keras stores {@code factor} */
    public float[] factor() {
        return new float[] {lower, upper};
    }

    /** @return {low, high} */
    public float[] valueRange() {
        return valueRange.clone();
    }

    /** @return the layer's seed, or null */
    public Long seed() {
        return seed;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        ImageOps.requireImage(kerasName, inputShape);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (!context.training()) {
            return LayerOutput.of(input);
        }
        Ops tf = context.tf();
        Operand<TFloat32> out = change(tf, input, ImageOps.seed(context, seed), lower, upper, valueRange[1] - valueRange[0]);
        return LayerOutput.of(tf.clipByValue(out, tf.constant(valueRange[0]), tf.constant(valueRange[1])));
    }

    /**
     * @param seed the draw's seed for this step
     * @param span the value range's width
     * @return the changed images, before clipping
     */
    abstract Operand<TFloat32> change(Ops tf, Operand<TFloat32> input, long seed, float lower, float upper, double span);
}
