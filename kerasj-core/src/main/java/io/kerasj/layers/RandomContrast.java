package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomContrast(factor, value_range=(0, 255), seed=None)}: in training, scales each image's deviation
 * from its per-channel mean by a factor drawn per image in {@code [1 - lower, 1 + upper]}, then clips to the value
 * range; the identity at inference. As in Keras 3, a single {@code factor} f means {@code (lower, upper) = (0, f)}.
 */
public final class RandomContrast extends Layer {
    private final float lower;
    private final float upper;
    private final float[] valueRange;
    private final Long seed;

    /** @param factor in [0, 1]: contrast factors in [1, 1 + factor], as Keras 3 reads a single number */
    public RandomContrast(double factor) {
        this(0, factor, 0, 255, null);
    }

    /**
     * @param lower in [0, 1]: the least factor is {@code 1 - lower}
     * @param upper in [0, 1]: the greatest factor is {@code 1 + upper}
     * @param low the least pixel value
     * @param high the greatest pixel value
     * @param seed the layer's seed, or null for the model's
     */
    public RandomContrast(double lower, double upper, double low, double high, Long seed) {
        super(null);
        if (!(lower >= 0 && lower <= 1 && upper >= 0 && upper <= 1)) {
            throw new IllegalArgumentException("factor: expected values in [0, 1], found (" + lower + ", " + upper + ")");
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
        ImageOps.requireImage("RandomContrast", inputShape);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (!context.training()) {
            return LayerOutput.of(input);
        }
        Ops tf = context.tf();
        Operand<TFloat32> factor = ImageOps.perImage(tf, input, ImageOps.seed(context, seed), 0, 1 - lower, 1 + upper);
        Operand<TFloat32> mean = tf.math.mean(input, tf.constant(new int[] {1, 2}), org.tensorflow.op.math.Mean.keepDims(true));
        Operand<TFloat32> out = tf.math.add(tf.math.mul(tf.math.sub(input, mean), factor), mean);
        return LayerOutput.of(tf.clipByValue(out, tf.constant(valueRange[0]), tf.constant(valueRange[1])));
    }
}
