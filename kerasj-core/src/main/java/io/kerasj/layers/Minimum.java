package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Minimum}: the elementwise minimum of its inputs. The inputs broadcast as {@link ElementwiseMerge} describes:
 * {@code new Minimum().apply(a, b)}, or {@link Merge#minimum}.
 */
public final class Minimum extends ElementwiseMerge {

    /** A Minimum layer, named as Keras names it unless given a name. */
    public Minimum() {
        super(null);
    }

    @Override
    protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
        Operand<TFloat32> result = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            result = tf.math.minimum(result, inputs.get(i));
        }
        return result;
    }
}
