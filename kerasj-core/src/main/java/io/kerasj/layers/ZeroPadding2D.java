package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code ZeroPadding2D} on {@code channels_last} images: zero rows above and below, zero columns left and
 * right. {@code padding} is one int for all four sides (default 1), {@code (rows, cols)} symmetric, or
 * {@code ((top, bottom), (left, right))} as {@code imagenet_utils.correct_pad} produces.
 */
public class ZeroPadding2D extends Layer {
    private final int[][] padding;

    /** Keras's default: one zero row or column on each side. */
    public ZeroPadding2D() {
        this(1);
    }

    /** @param padding one int for every side, or rows and cols (each on both sides) */
    public ZeroPadding2D(int... padding) {
        this(SideAmounts.symmetric("padding", padding));
    }

    /** @param padding {@code {{top, bottom}, {left, right}}}, each at least 0 */
    public ZeroPadding2D(int[][] padding) {
        super(null);
        this.padding = SideAmounts.check("padding", padding);
    }


    /** @return {@code {{top, bottom}, {left, right}}} */
    public int[][] padding() {
        return new int[][] {padding[0].clone(), padding[1].clone()};
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        return new long[] {inputShape[0] + padding[0][0] + padding[0][1], inputShape[1] + padding[1][0] + padding[1][1], inputShape[2]};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        // int32 paddings: the native Pad gradient slices with int32 indices and fails on int64 ones
        int[][] amounts = {{0, 0}, {padding[0][0], padding[0][1]}, {padding[1][0], padding[1][1]}, {0, 0}};
        return LayerOutput.of(tf.pad(input, tf.constant(amounts), tf.constant(0f)));
    }
}
