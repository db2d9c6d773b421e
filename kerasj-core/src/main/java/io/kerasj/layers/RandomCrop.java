package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code RandomCrop(height, width, seed=None)}, as Keras 3.15's code runs it (channels last). In training, on
 * images larger than the target both ways, a (height, width) window at a random place (one place per batch, as Keras
 * draws it); on other images, a (height, width) window from the start of the target's largest centred aspect window,
 * cut to the image and resized to the target (bilinear) when that leaves it smaller. At inference the images pass
 * unchanged, as in Keras 3.15 (whose documentation promises a centred crop): of their own size, which is not the
 * declared output's when the input is larger or smaller than the target, so the layers after it see the whole images.
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
        if (!context.training()) {
            return LayerOutput.of(input);
        }
        long[] in = inputShape();
        Ops tf = context.tf();
        if (in[0] <= height || in[1] <= width) {
            return LayerOutput.of(centred(tf, input, in));
        }
        Operand<TFloat32> u = ImageOps.perImage(tf, tf.constant(new int[] {2}), ImageOps.seed(context, seed), 0, 0, 1, 0);
        Operand<TFloat32> room = tf.constant(new float[] {in[0] - height + 1, in[1] - width + 1});
        Operand<TInt32> start = tf.math.minimum(tf.dtypes.cast(tf.math.floor(tf.math.mul(u, room)), TInt32.class),
                tf.constant(new int[] {(int) (in[0] - height), (int) (in[1] - width)}));
        Operand<TInt32> begin = tf.concat(java.util.List.of(tf.constant(new int[] {0}), start, tf.constant(new int[] {0})), tf.constant(0));
        return LayerOutput.of(tf.slice(input, begin, tf.constant(new int[] {-1, height, width, -1})));
    }

    /**
     * Keras 3.15's training path for images not larger than the target both ways: the slice
     * {@code [top : top + height, left : left + width]} with (top, left) the start of the target's aspect window, Python's
     * slice cut to the image, then resized to the target where it came out smaller.
     */
    private Operand<TFloat32> centred(Ops tf, Operand<TFloat32> input, long[] in) {
        long[] window = ImageOps.aspectWindow(in[0], in[1], height, width);
        long rows = Math.min(height, in[0] - window[0]);
        long cols = Math.min(width, in[1] - window[1]);
        Operand<TFloat32> cut = ImageOps.crop(tf, input, window[0], window[1], rows, cols);
        return rows == height && cols == width ? cut : ImageOps.resize(tf, cut, height, width, false);
    }
}
