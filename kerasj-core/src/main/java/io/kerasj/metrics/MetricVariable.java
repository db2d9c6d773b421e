package io.kerasj.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One variable of a {@link StatefulMetric} (Keras's {@code Metric.add_variable}): a float array of a fixed shape,
 * starting at zeros. In {@link StatefulMetric#updateState} the metric adds to it in the graph with
 * {@link #assignAdd}; in {@link StatefulMetric#result} it reads its value in Java.
 */
public final class MetricVariable {
    private final StatefulMetric owner;
    private final String name;
    private final long[] shape;
    private final double[] values;

    MetricVariable(StatefulMetric owner, String name, long[] shape) {
        this.owner = owner;
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        long size = 1;
        for (long d : shape) {
            if (d < 1 || d > 1 << 20) {
                throw new IllegalArgumentException("add_variable '" + name + "': expected sizes from 1 to 2^20, found "
                        + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size > 1 << 20) {
            throw new IllegalArgumentException("add_variable '" + name + "': expected at most 2^20 values, found " + size);
        }
        this.values = new double[(int) size];
    }

    /** @return its name */
    public String name() {
        return name;
    }

    /** @return its shape ({@code []} for a scalar) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return how many values it holds */
    public int size() {
        return values.length;
    }

    /**
     * Keras's {@code variable.assign_add(delta)}, inside {@link StatefulMetric#updateState}: adds a batch's
     * {@code delta} (broadcast to the variable's shape) to the state.
     *
     * @param delta the amount to add, in the graph
     * @throws IllegalStateException outside {@code updateState}
     */
    public void assignAdd(Operand<TFloat32> delta) {
        owner.record(this, delta);
    }

    /** @return a scalar variable's value (the first value of another) */
    public double value() {
        return values[0];
    }

    /** @return a copy of its values, flattened in row-major order */
    public double[] values() {
        return values.clone();
    }

    void add(double[] sums, int offset) {
        for (int i = 0; i < values.length; i++) {
            values[i] += sums[offset + i];
        }
    }

    void zero() {
        Arrays.fill(values, 0);
    }
}
