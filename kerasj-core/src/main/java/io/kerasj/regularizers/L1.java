package io.kerasj.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code L1}: {@code l1 * sum(abs(x))}.
 *
 * @param l1 the factor (Keras default 0.01); Keras keeps it as a float32 tensor, so {@code new L1(0.01).l1()} and its
 *     config are the float32 value {@code 0.009999999776482582}
 */
public record L1(double l1) implements Regularizer {

    /** Keras's default, {@code l1=0.01}. */
    public L1() {
        this(0.01);
    }

    /**
     * Checks the factor and rounds it to float32, as Keras keeps it.
     *
     * @param l1 the factor, finite and at least 0
     */
    public L1 {
        Regularizer.nonNegative("l1", l1);
        l1 = (float) l1;
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
        return tf.math.mul(tf.constant((float) l1), Penalties.sumAbs(tf, x));
    }

    @Override
    public String className() {
        return "L1";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        return config;
    }
}
