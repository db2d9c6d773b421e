package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Cropping2D} on {@code channels_last} images: drops rows at the top and bottom and columns at the
 * left and right. {@code cropping} is one int for all four sides, {@code (rows, cols)} symmetric, or
 * {@code ((top, bottom), (left, right))}; Keras's default crops nothing.
 */
public class Cropping2D extends Layer {
    private final int[][] cropping;

    /** Keras's default: crops nothing. */
    public Cropping2D() {
        this(0);
    }

    /** @param cropping one int for every side, or rows and cols (each on both sides) */
    public Cropping2D(int... cropping) {
        this(SideAmounts.symmetric("cropping", cropping));
    }

    /** @param cropping {@code {{top, bottom}, {left, right}}}, each at least 0 */
    public Cropping2D(int[][] cropping) {
        super(null);
        this.cropping = SideAmounts.check("cropping", cropping);
    }

    /** @return {@code {{top, bottom}, {left, right}}} */
    public int[][] cropping() {
        return new int[][] {cropping[0].clone(), cropping[1].clone()};
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        long rows = inputShape[0] - cropping[0][0] - cropping[0][1];
        long cols = inputShape[1] - cropping[1][0] - cropping[1][1];
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("layer " + name() + " (Cropping2D): cropping " + java.util.Arrays.deepToString(cropping)
                    + " leaves nothing of the input " + java.util.Arrays.toString(inputShape));
        }
        return new long[] {rows, cols, inputShape[2]};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        long[] out = outputShape();
        Operand<TFloat32> cropped = tf.slice(input, tf.constant(new int[] {0, cropping[0][0], cropping[1][0], 0}),
                tf.constant(new int[] {-1, (int) out[0], (int) out[1], -1}));
        return LayerOutput.of(cropped);
    }
}
