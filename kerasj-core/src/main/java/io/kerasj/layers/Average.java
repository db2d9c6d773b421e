package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Average}: the elementwise mean of its inputs, their sum divided by their count. The inputs
 * broadcast as {@link ElementwiseMerge} describes: {@code new Average().apply(a, b)}, or {@link Merge#average}.
 */
public final class Average extends ElementwiseMerge {

    /** An Average layer, named as Keras names it unless given a name. */
    public Average() {
        super(null);
    }

    @Override
    protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
        Operand<TFloat32> sum = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            sum = tf.math.add(sum, inputs.get(i));
        }
        return tf.math.div(sum, tf.constant((float) inputs.size()));
    }
}
