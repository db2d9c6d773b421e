package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Maximum}: the elementwise maximum of its inputs. The inputs broadcast as {@link ElementwiseMerge} describes:
 * {@code new Maximum().apply(a, b)}, or {@link Merge#maximum}.
 */
public final class Maximum extends ElementwiseMerge {

    /** A Maximum layer, named as Keras names it unless given a name. */
    public Maximum() {
        super(null);
    }

    @Override
    protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
        Operand<TFloat32> result = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            result = tf.math.maximum(result, inputs.get(i));
        }
        return result;
    }
}
