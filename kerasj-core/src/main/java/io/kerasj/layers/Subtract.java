package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Subtract}: {@code inputs[0] - inputs[1]}, of exactly two inputs that broadcast as
 * {@link ElementwiseMerge} describes: {@code new Subtract().apply(a, b)}, or {@link Merge#subtract}.
 */
public final class Subtract extends ElementwiseMerge {

    /** A Subtract layer, named as Keras names it unless given a name. */
    public Subtract() {
        super(null);
    }

    @Override
    protected long[] outputShape(List<long[]> inputShapes) {
        long[] output = super.outputShape(inputShapes);
        if (inputShapes.size() != 2) {
            throw new IllegalArgumentException("A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape="
                    + Shapes.batchTuples(inputShapes));
        }
        return output;
    }

    @Override
    protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
        return tf.math.sub(inputs.get(0), inputs.get(1));
    }
}
