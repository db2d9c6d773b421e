package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Keras's {@code squared_hinge}: {@code mean(max(1 - y_true y_pred, 0)²)} over the last axis; 0/1 targets become -1/1 as for {@link Hinge}. */
public record SquaredHinge() implements Loss {

    @Override
    public String name() {
        return "squared_hinge";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Hinge.plusMinusOne(tf, Loss.floats(tf, yTrue));
        return tf.math.mean(tf.math.square(Hinge.margin(tf, target, yPred.output())), tf.constant(-1));
    }
}
