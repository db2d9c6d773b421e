package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomBrightness(factor, value_range=(0, 255), seed=None)}: in training, adds to each image a delta
 * drawn per image in {@code [lower, upper] * (high - low)}, then clips to the value range; the identity at inference.
 * A single {@code factor} f means {@code (-f, f)}.
 */
public final class RandomBrightness extends ValueRangeAugmentation {

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
        super("RandomBrightness", checkedLower(lower, upper), upper, low, high, seed);
    }

    /** @return {@code lower}, once the factor pair is checked (before the value range, as the arguments come) */
    private static double checkedLower(double lower, double upper) {
        if (!(lower >= -1 && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException("factor: expected -1 <= lower <= upper <= 1, found (" + lower + ", " + upper + ")");
        }
        return lower;
    }

    @Override
    Operand<TFloat32> change(Ops tf, Operand<TFloat32> input, long seed, float lower, float upper, double span) {
        return tf.math.add(input, ImageOps.perImage(tf, input, seed, 0, lower * span, upper * span));
    }
}
