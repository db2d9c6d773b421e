package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's global 2-D poolings share: {@code [rows, cols, channels]} in, {@code [channels]} out, or
 * {@code [1, 1, channels]} with {@code keepdims}.
 */
public abstract class GlobalPooling2D extends Layer {
    private final boolean keepdims;

    /** An unnamed layer without keepdims. */
    protected GlobalPooling2D() {
        this(false);
    }

    /** @param keepdims Keras's {@code keepdims}: keep the pooled axes, of size 1 */
    protected GlobalPooling2D(boolean keepdims) {
        super(null);
        this.keepdims = keepdims;
    }

    /** @return Keras's {@code keepdims} */
    public boolean keepdims() {
        return keepdims;
    }

    @Override
    protected final long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        return keepdims ? new long[] {1, 1, inputShape[2]} : new long[] {inputShape[2]};
    }

    @Override
    public final LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(pool(context.tf(), input));
    }

    /**
     * @param tf the graph's ops
     * @param input {@code [batch, rows, cols, channels]}
     * @return the pooled values, with the spatial axes kept as 1 when {@link #keepdims()}
     */
    protected abstract Operand<TFloat32> pool(Ops tf, Operand<TFloat32> input);

    /** @return the axes reduced, rows and cols of {@code [batch, rows, cols, channels]} */
    protected static int[] spatialAxes() {
        return new int[] {1, 2};
    }
}
