package io.kerasj.layers;

/** What Keras's global 2-D poolings share: {@code [rows, cols, channels]} in, {@code [channels]} out. */
public abstract class GlobalPooling2D extends Layer {

    /** An unnamed layer. */
    protected GlobalPooling2D() {
        super(null);
    }

    @Override
    protected final long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        return new long[] {inputShape[2]};
    }

    /** @return the axes reduced, rows and cols of {@code [batch, rows, cols, channels]} */
    protected static int[] spatialAxes() {
        return new int[] {1, 2};
    }
}
