package io.kerasj.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code L2}: {@code l2 * sum(square(x))}.
 *
 * @param l2 the factor (Keras default 0.01)
 */
public record L2(double l2) implements Regularizer {

    /** Keras's default, {@code l2=0.01}. */
    public L2() {
        this(0.01);
    }

    /**
     * Checks the factor.
     *
     * @param l2 the factor, finite and at least 0
     */
    public L2 {
        Regularizer.nonNegative("l2", l2);
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
        return tf.math.mul(tf.constant((float) l2), Penalties.sumSquares(tf, x));
    }

    @Override
    public String className() {
        return "L2";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l2", l2);
        return config;
    }
}
