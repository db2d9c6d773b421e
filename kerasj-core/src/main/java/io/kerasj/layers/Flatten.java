package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's {@code Flatten}: reshapes each sample to one dimension. */
public final class Flatten extends Layer {
    private final long[] declaredInputShape;

    /** A Flatten whose input shape comes from the layer before it. */
    public Flatten() {
        this(null, (long[]) null);
    }

    /**
     * The first layer of a model, as {@code Flatten(input_shape=[28, 28])}.
     *
     * @param inputShape the per-sample input shape
     */
    public Flatten(long... inputShape) {
        this(null, inputShape);
    }

    /**
     * @param name the layer's name, or null
     * @param inputShape the per-sample input shape, or null
     */
    public Flatten(String name, long... inputShape) {
        super(name);
        if (inputShape != null) {
            for (long d : inputShape) {
                if (d <= 0) {
                    throw new IllegalArgumentException("input_shape: expected positive dimensions, found " + java.util.Arrays.toString(inputShape));
                }
            }
        }
        this.declaredInputShape = inputShape == null || inputShape.length == 0 ? null : inputShape.clone();
    }

    /**
     * Convenience for int shapes: {@code new Flatten(28, 28)}.
     *
     * @param inputShape the per-sample input shape
     */
    public Flatten(int... inputShape) {
        this(null, java.util.Arrays.stream(inputShape).asLongStream().toArray());
    }

    @Override
    public long[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return new long[] {product(inputShape)};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        if (inputShape().length == 1) {
            return LayerOutput.of(input);
        }
        return LayerOutput.of(context.tf().reshape(input, context.tf().constant(new long[] {-1, outputShape()[0]})));
    }
}
