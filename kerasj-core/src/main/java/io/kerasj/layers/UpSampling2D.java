package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code UpSampling2D} on {@code channels_last} images: rows repeated {@code size[0]} times and columns
 * {@code size[1]} times (default 2 and 2). {@code interpolation} {@code nearest} (default; Keras's {@code ops.repeat})
 * or {@code bilinear} ({@code tf.image.resize}: half-pixel centres, no antialiasing).
 */
public class UpSampling2D extends Layer {
    /** Larger factors are refused: the output must stay far from overflow. */
    static final int MAX_FACTOR = 1 << 12;
    private final int[] size;
    private String interpolation = "nearest";

    /** Keras's default: size (2, 2). */
    public UpSampling2D() {
        this(2);
    }

    /** @param size one int for both axes, or rows and cols */
    public UpSampling2D(int... size) {
        super(null);
        this.size = Pair.of("size", size);
        if (this.size[0] > MAX_FACTOR || this.size[1] > MAX_FACTOR) {
            throw new IllegalArgumentException("size: expected at most " + MAX_FACTOR + ", found " + java.util.Arrays.toString(size));
        }
    }

    /**
     * @param interpolation {@code nearest} (default) or {@code bilinear}
     * @return this layer
     */
    public UpSampling2D interpolation(String interpolation) {
        requireUnbuilt();
        if (!"nearest".equals(interpolation) && !"bilinear".equals(interpolation)) {
            throw new IllegalArgumentException("interpolation: expected 'nearest' or 'bilinear', found '" + interpolation + "'");
        }
        this.interpolation = interpolation;
        return this;
    }

    /** @return the factors, rows and cols */
    public int[] size() {
        return size.clone();
    }

    /** @return {@code nearest} or {@code bilinear} */
    public String interpolation() {
        return interpolation;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        return new long[] {inputShape[0] * size[0], inputShape[1] * size[1], inputShape[2]};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        long[] in = inputShape();
        long[] out = outputShape();
        if ("bilinear".equals(interpolation)) {
            return LayerOutput.of(tf.image.resizeBilinear(input, tf.constant(new int[] {(int) out[0], (int) out[1]}),
                    ResizeBilinear.halfPixelCenters(true)));
        }
        // repeat each row and column: [b, h, 1, w, 1, c] times ones [sh, 1, sw, 1] broadcast, then merged
        Operand<TFloat32> spread = tf.reshape(input, tf.constant(new long[] {-1, in[0], 1, in[1], 1, in[2]}));
        Operand<TFloat32> ones = tf.ones(tf.constant(new long[] {1, 1, size[0], 1, size[1], 1}), TFloat32.class);
        return LayerOutput.of(tf.reshape(tf.math.mul(spread, ones), tf.constant(new long[] {-1, out[0], out[1], out[2]})));
    }
}
