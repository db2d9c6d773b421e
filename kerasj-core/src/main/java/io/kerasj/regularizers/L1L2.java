package io.kerasj.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code L1L2}: {@code l1 * sum(abs(x)) + l2 * sum(square(x))}, each term only when its factor is not 0.
 *
 * @param l1 the L1 factor (Keras's default for the class: 0)
 * @param l2 the L2 factor (0)
 */
public record L1L2(double l1, double l2) implements Regularizer {

    /**
     * Checks the factors.
     *
     * @param l1 the L1 factor, finite and at least 0
     * @param l2 the L2 factor, finite and at least 0
     */
    public L1L2 {
        Regularizer.nonNegative("l1", l1);
        Regularizer.nonNegative("l2", l2);
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> penalty = tf.constant(0f);
        if (l1 != 0) {
            penalty = tf.math.add(penalty, tf.math.mul(tf.constant((float) l1), Penalties.sumAbs(tf, x)));
        }
        if (l2 != 0) {
            penalty = tf.math.add(penalty, tf.math.mul(tf.constant((float) l2), Penalties.sumSquares(tf, x)));
        }
        return penalty;
    }

    @Override
    public String className() {
        return "L1L2";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }
}
