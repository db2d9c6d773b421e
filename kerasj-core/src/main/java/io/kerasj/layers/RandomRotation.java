package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomRotation(factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0)}: in
 * training, rotates each image about its centre by an angle drawn in {@code [lower, upper] * 2 pi} (a single factor f
 * means {@code (-f, f)}); the identity at inference.
 */
public final class RandomRotation extends AffineImageLayer {
    private final float lower;
    private final float upper;

    /** @param factor rotations in [-factor, factor] of a full turn, reflect filling, bilinear */
    public RandomRotation(double factor) {
        this(-Math.abs(factor), Math.abs(factor), "reflect", "bilinear", 0, null);
    }

    /**
     * @param lower the least rotation, a fraction of a full turn
     * @param upper the greatest rotation
     * @param fillMode reflect, wrap, constant or nearest
     * @param interpolation bilinear or nearest
     * @param fillValue the value outside the image for constant
     * @param seed the layer's seed, or null for the model's
     */
    public RandomRotation(double lower, double upper, String fillMode, String interpolation, double fillValue, Long seed) {
        super(fillMode, interpolation, fillValue, seed);
        if (!(lower >= -1 && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException("factor: expected -1 <= lower <= upper <= 1, found (" + lower + ", " + upper + ")");
        }
        this.lower = (float) lower;
        this.upper = (float) upper;
    }

    /** @return {lower, upper} as Keras stores {@code factor} */
    public float[] factor() {
        return new float[] {lower, upper};
    }

    @Override
    protected List<Operand<TFloat32>> transform(Ops tf, Draws draws, long height, long width, Operand<TFloat32> zeros) {
        Operand<TFloat32> angle = draws.uniform(0, lower * 2 * Math.PI, upper * 2 * Math.PI);
        Operand<TFloat32> cos = tf.math.cos(angle);
        Operand<TFloat32> sin = tf.math.sin(angle);
        Operand<TFloat32> cx = tf.constant((width - 1) / 2f);
        Operand<TFloat32> cy = tf.constant((height - 1) / 2f);
        Operand<TFloat32> a2 = tf.math.add(tf.math.sub(cx, tf.math.mul(cx, cos)), tf.math.mul(cy, sin));
        Operand<TFloat32> b2 = tf.math.sub(tf.math.sub(cy, tf.math.mul(cx, sin)), tf.math.mul(cy, cos));
        return List.of(cos, tf.math.neg(sin), a2, sin, cos, b2);
    }
}
