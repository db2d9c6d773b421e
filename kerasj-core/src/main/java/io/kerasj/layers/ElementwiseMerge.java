package io.kerasj.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's elementwise {@code Merge} ({@code Add}, {@code Subtract}, {@code Multiply}, {@code Average},
 * {@code Maximum}, {@code Minimum}): the inputs broadcast against each other as Keras's
 * {@code _compute_elemwise_op_output_shape} aligns them, from the right, a dimension of 1 stretching to the other's.
 * Inputs of a lower rank are expanded at axis 1 (after the batch) until all ranks agree, as Keras's {@code call}
 * does, which is the same alignment.
 */
public abstract class ElementwiseMerge extends MergeLayer {

    /** @param name the layer's name, or null to let Keras's naming give one */
    protected ElementwiseMerge(String name) {
        super(name);
    }

    /** @return 1: Keras 3 merges a list of one input (the input itself), where Keras 2 wanted two */
    @Override
    protected int minimumInputs() {
        return 1;
    }

    @Override
    protected long[] outputShape(List<long[]> inputShapes) {
        long[] output = inputShapes.get(0);
        for (int i = 1; i < inputShapes.size(); i++) {
            output = broadcast(output, inputShapes.get(i));
        }
        return output;
    }

    /**
     * Keras's {@code _compute_elemwise_op_output_shape} on per-sample shapes.
     *
     * @param a a per-sample shape
     * @param b another
     * @return the shape both broadcast to
     * @throws IllegalArgumentException with Keras's message when a dimension differs and neither is 1
     */
    static long[] broadcast(long[] a, long[] b) {
        if (a.length < b.length) {
            return broadcast(b, a);
        }
        if (b.length == 0) {
            return a.clone();
        }
        int lead = a.length - b.length;
        long[] output = Arrays.copyOf(a, a.length);
        for (int k = 0; k < b.length; k++) {
            long i = a[lead + k];
            long j = b[k];
            if (i == 1) {
                output[lead + k] = j;
            } else if (j != 1 && i != j) {
                throw new IllegalArgumentException("Inputs have incompatible shapes. Received shapes " + Shapes.tuple(a)
                        + " and " + Shapes.tuple(b));
            }
        }
        return output;
    }

    @Override
    public LayerOutput call(CallContext context, List<Operand<TFloat32>> inputs) {
        List<long[]> shapes = inputShapes();
        if (inputs.size() != shapes.size()) {
            throw new IllegalArgumentException("layer " + name() + " (" + className() + ") was built for " + shapes.size()
                    + " inputs, found " + inputs.size());
        }
        Ops tf = context.tf();
        int rank = shapes.stream().mapToInt(s -> s.length).max().orElseThrow();
        List<Operand<TFloat32>> aligned = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Operand<TFloat32> x = inputs.get(i);
            for (int missing = rank - shapes.get(i).length; missing > 0; missing--) {
                x = tf.expandDims(x, tf.constant(1));
            }
            aligned.add(x);
        }
        return LayerOutput.of(merge(tf, aligned));
    }

    /**
     * Keras's {@code _merge_function}: combines the inputs, already of one rank, from the first to the last.
     *
     * @param tf the graph's ops
     * @param inputs two or more batches of one rank, broadcastable against each other
     * @return the merged batch
     */
    protected abstract Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs);
}
