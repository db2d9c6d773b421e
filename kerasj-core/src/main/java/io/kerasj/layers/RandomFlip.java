package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RandomFlip(mode="horizontal_and_vertical", seed=None)}: in training, flips each image (channels last)
 * with probability 1/2 (left-right for {@code "horizontal"}, up-down for {@code "vertical"}, both at once for
 * {@code "horizontal_and_vertical"}, as Keras's one draw per image); the identity at inference.
 */
public final class RandomFlip extends Layer {
    private final String mode;
    private final Long seed;

    /** Flips horizontally and vertically, seeded by the model. */
    public RandomFlip() {
        this("horizontal_and_vertical", null);
    }

    /**
     * @param mode {@code "horizontal"}, {@code "vertical"} or {@code "horizontal_and_vertical"}
     * @param seed the layer's seed, or null for the model's
     */
    public RandomFlip(String mode, Long seed) {
        super(null);
        if (!"horizontal".equals(mode) && !"vertical".equals(mode) && !"horizontal_and_vertical".equals(mode)) {
            throw new IllegalArgumentException("mode: expected 'horizontal', 'vertical' or 'horizontal_and_vertical', found " + mode);
        }
        this.mode = mode;
        this.seed = seed;
    }

    /** @return the flip mode */
    public String mode() {
        return mode;
    }

    /** @return the layer's seed, or null */
    public Long seed() {
        return seed;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        ImageOps.requireImage("RandomFlip", inputShape);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (!context.training()) {
            return LayerOutput.of(input);
        }
        Ops tf = context.tf();
        Operand<TFloat32> u = ImageOps.perImage(tf, input, ImageOps.seed(context, seed), 0, 0, 1);
        Operand<TFloat32> flip = tf.dtypes.cast(tf.math.lessEqual(u, tf.constant(0.5f)), TFloat32.class);
        Operand<TFloat32> out = input;
        if (!"vertical".equals(mode)) {
            out = choose(tf, flip, tf.reverse(out, tf.constant(new int[] {2})), out);
        }
        if (!"horizontal".equals(mode)) {
            out = choose(tf, flip, tf.reverse(out, tf.constant(new int[] {1})), out);
        }
        return LayerOutput.of(out);
    }

    private static Operand<TFloat32> choose(Ops tf, Operand<TFloat32> flip, Operand<TFloat32> flipped, Operand<TFloat32> kept) {
        return tf.math.add(tf.math.mul(flip, flipped), tf.math.mul(tf.math.sub(tf.constant(1f), flip), kept));
    }
}
