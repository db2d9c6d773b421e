package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomZoom(height_factor, width_factor=None, fill_mode="reflect", interpolation="bilinear",
 * seed=None, fill_value=0.0)}: in training, scales the sampled area of each image about its centre by
 * {@code 1 + u}, u drawn in the factor's range (positive zooms out, negative zooms in; a single factor f means
 * {@code (-f, f)}); without a width factor the width keeps the height's zoom. The identity at inference.
 */
public final class RandomZoom extends AffineImageLayer {
    private final float[] height;
    private final float[] width;

    /** @param heightFactor zooms in [-f, f] in both directions (the aspect ratio kept), reflect filling, bilinear */
    public RandomZoom(double heightFactor) {
        this(new double[] {-Math.abs(heightFactor), Math.abs(heightFactor)}, null, "reflect", "bilinear", 0, null);
    }

    /**
     * @param height {lower, upper} of the vertical zoom, in (-1, 1]
     * @param width {lower, upper} of the horizontal zoom, or null for the vertical one
     * @param fillMode reflect, wrap, constant or nearest
     * @param interpolation bilinear or nearest
     * @param fillValue the value outside the image for constant
     * @param seed the layer's seed, or null for the model's
     */
    public RandomZoom(double[] height, double[] width, String fillMode, String interpolation, double fillValue, Long seed) {
        super(fillMode, interpolation, fillValue, seed);
        checkRange("height_factor", height[0], height[1]);
        this.height = new float[] {(float) height[0], (float) height[1]};
        if (width != null) {
            checkRange("width_factor", width[0], width[1]);
            this.width = new float[] {(float) width[0], (float) width[1]};
        } else {
            this.width = null;
        }
    }

    /** @return {lower, upper} of the vertical zoom */
    public float[] heightFactor() {
        return height.clone();
    }

    /** @return {lower, upper} of the horizontal zoom, or null when it follows the vertical one */
    public float[] widthFactor() {
        return width == null ? null : width.clone();
    }

    @Override
    protected List<Operand<TFloat32>> transform(Ops tf, Draws draws, long imageHeight, long imageWidth, Operand<TFloat32> zeros) {
        Operand<TFloat32> zy = draws.uniform(0, 1 + height[0], 1 + height[1]);
        Operand<TFloat32> zx = width == null ? zy : draws.uniform(1, 1 + width[0], 1 + width[1]);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> xOffset = tf.math.mul(tf.constant((imageWidth - 1) / 2f), tf.math.sub(one, zx));
        Operand<TFloat32> yOffset = tf.math.mul(tf.constant((imageHeight - 1) / 2f), tf.math.sub(one, zy));
        return List.of(zx, zeros, xOffset, zeros, zy, yOffset);
    }
}
