package io.kerasj.layers;

import io.kerasj.initializers.Initializer;
import java.util.Arrays;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code PReLU} layer: {@code relu(x) - alpha * relu(-x)} with a trainable {@code alpha} of the per-sample
 * input shape, of size 1 along the {@code shared_axes} (Keras's numbering: 1 is the first per-sample axis).
 */
public final class PReLU extends Layer {
    private final Initializer alphaInitializer;
    private final int[] sharedAxes;
    private WeightSpec alpha;

    /** Alpha starts at zeros (Keras's default), one per input value. */
    public PReLU() {
        this(Initializer.ZEROS, null);
    }

    /**
     * @param alphaInitializer how alpha starts
     * @param sharedAxes the per-sample axes (1-based, as Keras's) along which alpha is shared, or null
     */
    public PReLU(Initializer alphaInitializer, int[] sharedAxes) {
        super(null);
        this.alphaInitializer = Objects.requireNonNull(alphaInitializer, "alphaInitializer");
        this.sharedAxes = sharedAxes == null ? null : sharedAxes.clone();
    }

    /** @return how alpha starts */
    public Initializer alphaInitializer() {
        return alphaInitializer;
    }

    /** @return Keras's {@code shared_axes}, or null */
    public int[] sharedAxes() {
        return sharedAxes == null ? null : sharedAxes.clone();
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long[] shape = inputShape.clone();
        if (sharedAxes != null) {
            for (int axis : sharedAxes) {
                if (axis < 1 || axis > shape.length) {
                    throw new IllegalArgumentException("layer " + name() + " (PReLU): shared_axes " + Arrays.toString(sharedAxes)
                            + " must be per-sample axes (1 to " + shape.length + ") of its input " + Shapes.batchTuple(inputShape));
                }
                shape[axis - 1] = 1;
            }
        }
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("layer " + name() + " (PReLU): needs a known size on every axis that is not "
                        + "shared, found input " + Shapes.batchTuple(inputShape));
            }
        }
        alpha = weights.add("alpha", shape, alphaInitializer, true);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> negative = tf.math.mul(tf.math.neg(context.read(alpha)), tf.nn.relu(tf.math.neg(input)));
        return LayerOutput.of(tf.math.add(tf.nn.relu(input), negative));
    }
}
