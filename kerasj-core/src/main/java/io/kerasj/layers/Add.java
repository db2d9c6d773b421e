package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Add}: the elementwise sum of its inputs, {@code (x1 + x2) + x3 ...}. The inputs broadcast as {@link ElementwiseMerge} describes:
 * {@code new Add().apply(a, b)}, or {@link Merge#add}.
 */
public final class Add extends ElementwiseMerge {

    /** A Add layer, named as Keras names it unless given a name. */
    public Add() {
        super(null);
    }

    @Override
    protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
        Operand<TFloat32> result = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            result = tf.math.add(result, inputs.get(i));
        }
        return result;
    }
}
