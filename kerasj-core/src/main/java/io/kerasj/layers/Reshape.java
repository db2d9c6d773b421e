package io.kerasj.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's {@code Reshape(target_shape)}: each sample to the target shape, one dimension of which may be -1. */
public final class Reshape extends Layer {
    private final long[] targetShape;

    /** @param targetShape the per-sample output shape; at most one -1, inferred from the input */
    public Reshape(long... targetShape) {
        super(null);
        if (targetShape == null || targetShape.length == 0) {
            throw new IllegalArgumentException("target_shape: expected at least one dimension, found none");
        }
        if (Arrays.stream(targetShape).filter(d -> d == -1).count() > 1
                || Arrays.stream(targetShape).anyMatch(d -> d == 0 || d < -1)) {
            throw new IllegalArgumentException("target_shape: expected positive dimensions and at most one -1, found "
                    + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    /** @param targetShape the per-sample output shape; at most one -1 */
    public Reshape(int... targetShape) {
        this(Arrays.stream(targetShape).asLongStream().toArray());
    }

    /** @return the per-sample target shape as given, -1 for the inferred dimension */
    public long[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long size = product(inputShape);
        long known = Arrays.stream(targetShape).filter(d -> d > 0).reduce(1, (a, b) -> a * b);
        long[] output = targetShape.clone();
        for (int i = 0; i < output.length; i++) {
            if (output[i] == -1) {
                output[i] = known == 0 ? 0 : size / known;
            }
        }
        if (product(output) != size) {
            throw new IllegalArgumentException("layer " + name() + " (Reshape): target_shape " + Arrays.toString(targetShape)
                    + " cannot hold the input " + Arrays.toString(inputShape) + " of " + size + " values");
        }
        return output;
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        long[] shape = new long[outputShape().length + 1];
        shape[0] = -1;
        System.arraycopy(outputShape(), 0, shape, 1, shape.length - 1);
        return LayerOutput.of(context.tf().reshape(input, context.tf().constant(shape)));
    }
}
