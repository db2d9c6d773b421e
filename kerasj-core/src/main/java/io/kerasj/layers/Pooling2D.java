package io.kerasj.layers;

import java.util.Arrays;

/**
 * What Keras's {@code MaxPooling2D} and {@code AveragePooling2D} share: {@code pool_size} (default 2),
 * {@code strides} (default: the pool size), {@code padding} ({@code valid} or {@code same}), channels_last.
 */
public abstract class Pooling2D extends Layer {
    private final int[] poolSize;
    private final int[] strides;
    private final Padding padding;

    /**
     * @param poolSize the window, one or two ints
     * @param strides the step, one or two ints, or null for the pool size
     * @param padding {@code valid} or {@code same}
     */
    protected Pooling2D(int[] poolSize, int[] strides, String padding) {
        super(null);
        this.poolSize = Pair.of("pool_size", poolSize);
        this.strides = strides == null ? this.poolSize.clone() : Pair.of("strides", strides);
        this.padding = Padding.of(padding);
    }

    @Override
    protected final long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        long rows = padding.outputSize(inputShape[0], poolSize[0], strides[0], 1);
        long cols = padding.outputSize(inputShape[1], poolSize[1], strides[1], 1);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("layer " + name() + " (" + className() + "): pool_size " + Arrays.toString(poolSize)
                    + " does not fit the input " + Arrays.toString(inputShape) + " with padding 'valid'");
        }
        return new long[] {rows, cols, inputShape[2]};
    }

    /** @return the window, rows and cols */
    public final int[] poolSize() {
        return poolSize.clone();
    }

    /** @return the step, rows and cols */
    public final int[] stride() {
        return strides.clone();
    }

    /** @return the padding */
    public final Padding paddingMode() {
        return padding;
    }

    /** @return TensorFlow's {@code ksize}: {@code [1, rows, cols, 1]} */
    protected final long[] window() {
        return new long[] {1, poolSize[0], poolSize[1], 1};
    }

    /** @return TensorFlow's {@code strides}: {@code [1, rows, cols, 1]} */
    protected final long[] step() {
        return new long[] {1, strides[0], strides[1], 1};
    }

    /** @return TensorFlow's padding name */
    protected final String paddingName() {
        return padding.op();
    }
}
