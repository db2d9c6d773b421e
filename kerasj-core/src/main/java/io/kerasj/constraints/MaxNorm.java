package io.kerasj.constraints;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code MaxNorm}: rescales the weights incident to each unit so that their L2 norm along {@code axis} is
 * at most {@code maxValue}: {@code w * clip(norms, 0, maxValue) / (epsilon + norms)}. For a Dense kernel
 * {@code [in, out]} the default axis 0 constrains each unit's incoming vector; for a Conv2D kernel use
 * {@code 0, 1, 2}.
 */
public final class MaxNorm implements Constraint {
    private final double maxValue;
    private final int[] axes;

    /** Keras's defaults: {@code max_value=2, axis=0}. */
    public MaxNorm() {
        this(2, 0);
    }

    /**
     * @param maxValue the largest norm allowed
     * @param axis the axes along which the norms are taken (negative counts from the end)
     */
    public MaxNorm(double maxValue, int... axis) {
        this.maxValue = maxValue;
        this.axes = Norms.check(axis);
    }

    /** @return the largest norm allowed */
    public double maxValue() {
        return maxValue;
    }

    /** @return the axes along which the norms are taken */
    public int[] axis() {
        return axes.clone();
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
        Operand<TFloat32> norms = Norms.of(tf, w, axes);
        Operand<TFloat32> desired = tf.clipByValue(norms, tf.constant(0f), tf.constant((float) maxValue));
        return Norms.rescale(tf, w, desired, norms);
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_value", maxValue);
        config.put("axis", Norms.config(axes));
        return config;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaxNorm m && m.maxValue == maxValue && Arrays.equals(m.axes, axes);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(maxValue) * 31 + Arrays.hashCode(axes);
    }

    @Override
    public String toString() {
        return "MaxNorm" + config();
    }
}
