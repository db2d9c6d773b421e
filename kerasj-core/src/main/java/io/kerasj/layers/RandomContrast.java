package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomContrast(factor, value_range=(0, 255), seed=None)}: in training, scales each image's deviation
 * from its per-channel mean by a factor drawn per image in {@code [1 - lower, 1 + upper]}, then clips to the value
 * range; the identity at inference. As in Keras 3, a single {@code factor} f means {@code (lower, upper) = (0, f)}.
 */
public final class RandomContrast extends ValueRangeAugmentation {

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
        super("RandomContrast", checkedLower(lower, upper), upper, low, high, seed);
    }

    /** @return {@code lower}, once the factor pair is checked (before the value range, as the arguments come) */
    private static double checkedLower(double lower, double upper) {
        if (!(lower >= 0 && lower <= 1 && upper >= 0 && upper <= 1)) {
            throw new IllegalArgumentException("factor: expected values in [0, 1], found (" + lower + ", " + upper + ")");
        }
        return lower;
    }

    @Override
    Operand<TFloat32> change(Ops tf, Operand<TFloat32> input, long seed, float lower, float upper, double span) {
        Operand<TFloat32> factor = ImageOps.perImage(tf, input, seed, 0, 1 - lower, 1 + upper);
        Operand<TFloat32> mean = tf.math.mean(input, tf.constant(new int[] {1, 2}), org.tensorflow.op.math.Mean.keepDims(true));
        return tf.math.add(tf.math.mul(tf.math.sub(input, mean), factor), mean);
    }
}
