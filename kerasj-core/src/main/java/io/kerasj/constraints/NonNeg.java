package io.kerasj.constraints;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code NonNeg}: {@code maximum(w, 0)}. */
public record NonNeg() implements Constraint {

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
        return tf.math.maximum(w, tf.constant(0f));
    }

    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
