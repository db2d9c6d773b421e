package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Concatenate(axis=-1)}: joins its inputs along one axis; all other dimensions must match (Keras 3
 * squeezes no dimension of 1 and broadcasts none). The axis counts the batch axis as Keras's does ({@code axis=1} is
 * the first per-sample axis, {@code -1} the last); joining along the batch axis is not supported. Runs TensorFlow's
 * {@code ConcatV2}, whose gradient is native. {@code new Concatenate().apply(a, b)}, or {@link Merge#concatenate}.
 */
public final class Concatenate extends MergeLayer {
    private final int axis;

    /** Joins along the last axis, Keras's default. */
    public Concatenate() {
        this(-1);
    }

    /** @param axis the axis to join along, counting the batch axis as 0; negative counts from the last */
    public Concatenate(int axis) {
        super(null);
        this.axis = axis;
    }

    /** @return Keras's {@code axis} as given */
    public int axis() {
        return axis;
    }

    /** @return 1: Keras 3 merges a list of one input (the input itself), where Keras 2 wanted two */
    @Override
    protected int minimumInputs() {
        return 1;
    }

    @Override
    protected long[] outputShape(List<long[]> inputShapes) {
        int rank = inputShapes.get(0).length;
        if (inputShapes.stream().anyMatch(s -> s.length != rank)) {
            throw mismatch(inputShapes);
        }
        int along = batchAxis(rank + 1);
        long[] output = inputShapes.get(0).clone();
        for (int i = 1; i < inputShapes.size(); i++) {
            long[] shape = inputShapes.get(i);
            for (int d = 0; d < rank; d++) {
                if (d != along - 1 && shape[d] != output[d]) {
                    throw mismatch(inputShapes);
                }
            }
            output[along - 1] += shape[along - 1];
        }
        return output;
    }

    /** @return the axis as a positive index into the batch shape, checked to be one of its per-sample axes */
    private int batchAxis(int batchRank) {
        if (axis >= batchRank || axis < -batchRank) {
            throw new IllegalArgumentException("layer " + name() + " (Concatenate): axis " + axis + " is out of range for inputs of rank "
                    + batchRank + " (with the batch axis)");
        }
        int along = Math.floorMod(axis, batchRank);
        if (along == 0) {
            throw new IllegalArgumentException("layer " + name() + " (Concatenate): axis " + axis
                    + " is the batch axis; KerasJ concatenates along per-sample axes only");
        }
        return along;
    }

    private static IllegalArgumentException mismatch(List<long[]> inputShapes) {
        return new IllegalArgumentException("A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. "
                + "Received: input_shape=" + Shapes.batchTuples(inputShapes));
    }

    @Override
    public LayerOutput call(CallContext context, List<Operand<TFloat32>> inputs) {
        Ops tf = context.tf();
        return LayerOutput.of(tf.concat(inputs, tf.constant(batchAxis(inputShapes().get(0).length + 1))));
    }
}
