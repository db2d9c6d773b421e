package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What Keras's {@code RandomRotation}, {@code RandomZoom} and {@code RandomTranslation} share: in training, each image
 * (channels last) is resampled through a random affine map with TensorFlow's {@code ImageProjectiveTransformV3}, as
 * Keras 3's TensorFlow backend does ({@code fill_mode} reflect, wrap, constant or nearest; {@code interpolation}
 * bilinear or nearest; {@code fill_value} for constant); the identity at inference. The op has no gradient: gradients
 * are only taken for weights, and these layers have none upstream of them in an augmentation stack.
 */
public abstract class AffineImageLayer extends Layer {
    private static final List<String> FILL_MODES = List.of("reflect", "wrap", "constant", "nearest");
    private final String fillMode;
    private final String interpolation;
    private final float fillValue;
    private final Long seed;

    /**
     * @param fillMode reflect, wrap, constant or nearest
     * @param interpolation bilinear or nearest
     * @param fillValue the value outside the image for constant
     * @param seed the layer's seed, or null for the model's
     */
    protected AffineImageLayer(String fillMode, String interpolation, double fillValue, Long seed) {
        super(null);
        if (!FILL_MODES.contains(fillMode)) {
            throw new IllegalArgumentException("fill_mode: expected one of " + FILL_MODES + ", found " + fillMode);
        }
        if (!"bilinear".equals(interpolation) && !"nearest".equals(interpolation)) {
            throw new IllegalArgumentException("interpolation: expected 'bilinear' or 'nearest', found " + interpolation);
        }
        if (!Double.isFinite(fillValue)) {
            throw new IllegalArgumentException("fill_value: expected a finite number, found " + fillValue);
        }
        this.fillMode = fillMode;
        this.interpolation = interpolation;
        this.fillValue = (float) fillValue;
        this.seed = seed;
    }

    /** @return reflect, wrap, constant or nearest */
    public String fillMode() {
        return fillMode;
    }

    /** @return bilinear or nearest */
    public String interpolation() {
        return interpolation;
    }

    /** @return the value outside the image for constant filling */
    public float fillValue() {
        return fillValue;
    }

    /** @return the layer's seed, or null */
    public Long seed() {
        return seed;
    }

    /** @throws IllegalArgumentException unless lower &lt;= upper, both in (-1, 1] */
    static void checkRange(String what, double lower, double upper) {
        if (!(lower > -1 && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException(what + ": expected -1 < lower <= upper <= 1, found (" + lower + ", " + upper + ")");
        }
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        ImageOps.requireImage(getClass().getSimpleName(), inputShape);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (!context.training()) {
            return LayerOutput.of(input);
        }
        Ops tf = context.tf();
        Operand<TInt32> batch = tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Draws draws = (stream, low, high) -> ImageOps.perImage(tf, batch, ImageOps.seed(context, seed), stream, low, high, 1);
        Operand<TFloat32> zeros = tf.fill(tf.concat(List.of(batch, tf.constant(new int[] {1})), tf.constant(0)), tf.constant(0f));
        List<Operand<TFloat32>> rows = transform(tf, draws, inputShape()[0], inputShape()[1], zeros);
        Operand<TFloat32> transforms = tf.concat(List.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(4),
                rows.get(5), zeros, zeros), tf.constant(1));
        return LayerOutput.of(tf.image.imageProjectiveTransformV3(input, transforms,
                tf.constant(new int[] {(int) inputShape()[0], (int) inputShape()[1]}), tf.constant(fillValue),
                interpolation.toUpperCase(java.util.Locale.ROOT),
                ImageProjectiveTransformV3.fillMode(fillMode.toUpperCase(java.util.Locale.ROOT))));
    }

    /** Per-image uniform draws of shape (batch, 1), one independent stream per number. */
    @FunctionalInterface
    protected interface Draws {
        /**
         * @param stream which draw of the layer (0, 1, ...)
         * @param low the least value
         * @param high the greatest value
         * @return one value per image, shape (batch, 1)
         */
        Operand<TFloat32> uniform(int stream, double low, double high);
    }

    /**
     * @param tf the graph's ops
     * @param draws the layer's random numbers
     * @param height the images' height
     * @param width the images' width
     * @param zeros zeros of shape (batch, 1)
     * @return {@code a0, a1, a2, b0, b1, b2}, each (batch, 1): an output pixel (x, y) reads the input at
     *     {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}
     */
    protected abstract List<Operand<TFloat32>> transform(Ops tf, Draws draws, long height, long width, Operand<TFloat32> zeros);
}
