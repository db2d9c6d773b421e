package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code RandomCrop(height, width, seed=None)}: in training, a (height, width) window of the images (channels
 * last) at a random place (one place per batch, as Keras draws it); at inference, and in training when the images are
 * not larger than the target, the largest centred window of the target's aspect ratio resized to it (bilinear).
 * Keras 3.15 returns the input unchanged at inference, of another shape than its declared output; KerasJ keeps the
 * declared shape, as Keras 2 did.
 */
public final class RandomCrop extends Layer {
    private final int height;
    private final int width;
    private final Long seed;

    /**
     * @param height the output height
     * @param width the output width
     */
    public RandomCrop(int height, int width) {
        this(height, width, null);
    }

    /**
     * @param height the output height
     * @param width the output width
     * @param seed the layer's seed, or null for the model's
     */
    public RandomCrop(int height, int width, Long seed) {
        super(null);
        this.height = ImageOps.positive("height", height);
        this.width = ImageOps.positive("width", width);
        this.seed = seed;
    }

    /** @return the output height */
    public int height() {
        return height;
    }

    /** @return the output width */
    public int width() {
        return width;
    }

    /** @return the layer's seed, or null */
    public Long seed() {
        return seed;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        ImageOps.requireImage("RandomCrop", inputShape);
        return new long[] {height, width, inputShape[2]};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        long[] in = inputShape();
        Ops tf = context.tf();
        if (!context.training() || in[0] <= height || in[1] <= width) {
            return LayerOutput.of(ImageOps.cropToAspectAndResize(tf, input, in, height, width, false));
        }
        Operand<TFloat32> u = ImageOps.perImage(tf, tf.constant(new int[] {2}), ImageOps.seed(context, seed), 0, 0, 1, 0);
        Operand<TFloat32> room = tf.constant(new float[] {in[0] - height + 1, in[1] - width + 1});
        Operand<TInt32> start = tf.math.minimum(tf.dtypes.cast(tf.math.floor(tf.math.mul(u, room)), TInt32.class),
                tf.constant(new int[] {(int) (in[0] - height), (int) (in[1] - width)}));
        Operand<TInt32> begin = tf.concat(java.util.List.of(tf.constant(new int[] {0}), start, tf.constant(new int[] {0})), tf.constant(0));
        return LayerOutput.of(tf.slice(input, begin, tf.constant(new int[] {-1, height, width, -1})));
    }
}
