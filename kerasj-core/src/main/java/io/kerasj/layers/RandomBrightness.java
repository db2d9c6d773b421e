package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomBrightness(factor, value_range=(0, 255), seed=None)}: in training, adds to each image a delta
 * drawn per image in {@code [lower, upper] * (high - low)}, then clips to the value range; the identity at inference.
 * A single {@code factor} f means {@code (-f, f)}.
 */
public final class RandomBrightness extends Layer {
    private final float lower;
    private final float upper;
    private final float[] valueRange;
    private final Long seed;

    /** @param factor in [0, 1]: deltas in [-factor, factor] of the value range (0, 255) */
    public RandomBrightness(double factor) {
        this(-Math.abs(factor), Math.abs(factor), 0, 255, null);
    }

    /**
     * @param lower in [-1, 1], at most upper
     * @param upper in [-1, 1]
     * @param low the least pixel value
     * @param high the greatest pixel value
     * @param seed the layer's seed, or null for the model's
     */
    public RandomBrightness(double lower, double upper, double low, double high, Long seed) {
        super(null);
        if (!(lower >= -1 && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException("factor: expected -1 <= lower <= upper <= 1, found (" + lower + ", " + upper + ")");
        }
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("value_range: expected finite low < high, found (" + low + ", " + high + ")");
        }
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
        ImageOps.requireImage("RandomBrightness", inputShape);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (!context.training()) {
            return LayerOutput.of(input);
        }
        Ops tf = context.tf();
        double span = valueRange[1] - valueRange[0];
        Operand<TFloat32> delta = ImageOps.perImage(tf, input, ImageOps.seed(context, seed), 0, lower * span, upper * span);
        Operand<TFloat32> out = tf.math.add(input, delta);
        return LayerOutput.of(tf.clipByValue(out, tf.constant(valueRange[0]), tf.constant(valueRange[1])));
    }
}
