package io.kerasj.constraints;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code MinMaxNorm}: rescales so that each norm along {@code axis} moves to
 * {@code rate * clip(norm, minValue, maxValue) + (1 - rate) * norm}.
 */
public final class MinMaxNorm implements Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axes;

    /** Keras's defaults: {@code min_value=0.0, max_value=1.0, rate=1.0, axis=0}. */
    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    /**
     * @param minValue the smallest norm
     * @param maxValue the largest norm
     * @param rate how far each step moves toward the interval (1: all the way)
     * @param axis the axes along which the norms are taken
     */
    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axes = Norms.check(axis);
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
        Operand<TFloat32> norms = Norms.of(tf, w, axes);
        Operand<TFloat32> clipped = tf.clipByValue(norms, tf.constant((float) minValue), tf.constant((float) maxValue));
        Operand<TFloat32> desired = tf.math.add(tf.math.mul(tf.constant((float) rate), clipped),
                tf.math.mul(tf.constant((float) (1 - rate)), norms));
        return Norms.rescale(tf, w, desired, norms);
    }

    @Override
    public String className() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("min_value", minValue);
        config.put("max_value", maxValue);
        config.put("rate", rate);
        config.put("axis", Norms.config(axes));
        return config;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxNorm m && m.minValue == minValue && m.maxValue == maxValue && m.rate == rate
                && Arrays.equals(m.axes, axes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {minValue, maxValue, rate}) * 31 + Arrays.hashCode(axes);
    }

    @Override
    public String toString() {
        return "MinMaxNorm" + config();
    }
}
