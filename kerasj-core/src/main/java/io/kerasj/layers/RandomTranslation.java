package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomTranslation(height_factor, width_factor, fill_mode="reflect", interpolation="bilinear",
 * seed=None, fill_value=0.0)}: in training, shifts each image by a fraction of its height and of its width drawn in
 * the factors' ranges (a single factor f means {@code (-f, f)}); the identity at inference.
 */
public final class RandomTranslation extends AffineImageLayer {
    private final float[] height;
    private final float[] width;

    /**
     * @param heightFactor vertical shifts in [-f, f] of the height
     * @param widthFactor horizontal shifts in [-f, f] of the width
     */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(new double[] {-Math.abs(heightFactor), Math.abs(heightFactor)},
                new double[] {-Math.abs(widthFactor), Math.abs(widthFactor)}, "reflect", "bilinear", 0, null);
    }

    /**
     * @param height {lower, upper} of the vertical shift, fractions of the height in [-1, 1]
     * @param width {lower, upper} of the horizontal shift, fractions of the width
     * @param fillMode reflect, wrap, constant or nearest
     * @param interpolation bilinear or nearest
     * @param fillValue the value outside the image for constant
     * @param seed the layer's seed, or null for the model's
     */
    public RandomTranslation(double[] height, double[] width, String fillMode, String interpolation, double fillValue, Long seed) {
        super(fillMode, interpolation, fillValue, seed);
        checkRange("height_factor", height[0], height[1]);
        checkRange("width_factor", width[0], width[1]);
        this.height = new float[] {(float) height[0], (float) height[1]};
        this.width = new float[] {(float) width[0], (float) width[1]};
    }

    /** @return {lower, upper} of the vertical shift */
    public float[] heightFactor() {
        return height.clone();
    }

    /** @return {lower, upper} of the horizontal shift */
    public float[] widthFactor() {
        return width.clone();
    }

    @Override
    protected List<Operand<TFloat32>> transform(Ops tf, Draws draws, long imageHeight, long imageWidth, Operand<TFloat32> zeros) {
        Operand<TFloat32> dy = tf.math.mul(draws.uniform(0, height[0], height[1]), tf.constant((float) imageHeight));
        Operand<TFloat32> dx = tf.math.mul(draws.uniform(1, width[0], width[1]), tf.constant((float) imageWidth));
        Operand<TFloat32> one = tf.math.add(zeros, tf.constant(1f));
        return List.of(one, zeros, tf.math.neg(dx), zeros, one, tf.math.neg(dy));
    }
}
