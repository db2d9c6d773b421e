package io.kerasj.constraints;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code UnitNorm}: {@code w / (epsilon + norms)}, the norms taken along {@code axis} (default 0). */
public final class UnitNorm implements Constraint {
    private final int[] axes;

    /** Keras's default, {@code axis=0}. */
    public UnitNorm() {
        this(0);
    }

    /** @param axis the axes along which the norms are taken */
    public UnitNorm(int... axis) {
        this.axes = Norms.check(axis);
    }

    /** @return the axes along which the norms are taken */
    public int[] axis() {
        return axes.clone();
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
        return tf.math.div(w, tf.math.add(tf.constant(Norms.EPSILON), Norms.of(tf, w, axes)));
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("axis", Norms.config(axes));
        return config;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitNorm u && Arrays.equals(u.axes, axes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(axes);
    }

    @Override
    public String toString() {
        return "UnitNorm" + config();
    }
}
