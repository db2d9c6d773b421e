package io.kerasj.layers;

import io.kerasj.activations.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/** Keras's {@code Softmax} layer: the softmax over one axis (default -1, the last). */
public final class Softmax extends Layer {
    private final int axis;

    /** Over the last axis. */
    public Softmax() {
        this(-1);
    }

    /** @param axis the axis, batch included (Keras's numbering: 1 is the first per-sample axis, -1 the last) */
    public Softmax(int axis) {
        super(null);
        if (axis == 0) {
            throw new IllegalArgumentException("axis: expected a per-sample axis, found 0 (the batch)");
        }
        this.axis = axis;
    }

    /** @return Keras's {@code axis} */
    public int axis() {
        return axis;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        int rank = inputShape.length + 1;
        if (axis >= rank || axis < -rank || axis == -rank) {
            throw new IllegalArgumentException("layer " + name() + " (Softmax): axis " + axis + " is outside its input "
                    + Shapes.batchTuple(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        int rank = inputShape().length + 1;
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved == rank - 1) {
            return LayerOutput.activated(Activation.SOFTMAX, tf, input);
        }
        Operand<TFloat32> shifted = tf.math.sub(input, tf.max(input, tf.constant(resolved), Max.keepDims(true)));
        Operand<TFloat32> exp = tf.math.exp(shifted);
        return LayerOutput.of(tf.math.div(exp, tf.sum(exp, tf.constant(resolved), Sum.keepDims(true))));
    }
}
