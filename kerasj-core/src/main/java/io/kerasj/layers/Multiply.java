package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Multiply}: the elementwise product of its inputs. The inputs broadcast as {@link ElementwiseMerge} describes:
 * {@code new Multiply().apply(a, b)}, or {@link Merge#multiply}.
 */
public final class Multiply extends ElementwiseMerge {

    /** A Multiply layer, named as Keras names it unless given a name. */
    public Multiply() {
        super(null);
    }

    @Override
    protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
        Operand<TFloat32> result = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            result = tf.math.mul(result, inputs.get(i));
        }
        return result;
    }
}
