package io.kerasj.metrics;

import io.kerasj.layers.LayerOutput;
import io.kerasj.losses.Loss;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The base of a custom metric, as Keras's {@code keras.metrics.Metric} is subclassed: the constructor declares the
 * state with {@link #addVariable} ({@code add_variable}); {@link #updateState} ({@code update_state}) adds each
 * batch's amounts to the variables in the graph with {@link MetricVariable#assignAdd}; {@link #result} computes the
 * result from the variables' values; {@link #resetState} sets them to zero. {@link #getConfig} is Keras's
 * {@code get_config}; registered with its {@code fromConfig}, the metric saves in {@code compile_config} and loads
 * back, in KerasJ and in Keras.
 *
 * <p>The training loop sums the amounts of its batches before the state takes them, so a variable's update must be an
 * addition ({@code assign_add}), as it is for Keras's counting and summing metrics.
 */
public abstract class StatefulMetric extends Metric {
    private final List<MetricVariable> variables = new ArrayList<>();
    private Map<MetricVariable, Operand<TFloat32>> pending;
    private Ops pendingTf;

    /** @param name the name the History shows */
    protected StatefulMetric(String name) {
        super(name);
    }

    /**
     * Keras's {@code add_variable(shape, initializer="zeros", name)}.
     *
     * @param name the variable's name
     * @param shape its shape; none for a scalar
     * @return the variable
     */
    protected final MetricVariable addVariable(String name, long... shape) {
        MetricVariable variable = new MetricVariable(this, name, shape);
        variables.add(variable);
        return variable;
    }

    /** @return the variables, in declaration order (Keras's {@code metric.variables}) */
    public final List<MetricVariable> variables() {
        return List.copyOf(variables);
    }

    /**
     * Keras's {@code update_state(y_true, y_pred)}, in the graph: calls {@link MetricVariable#assignAdd} on the
     * variables a batch changes.
     *
     * @param tf the graph's ops
     * @param yTrue the batch's targets, as float32 (as given: class indices or shaped like the output)
     * @param yPred the model's output
     */
    public abstract void updateState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

    /** @return Keras's {@code result()}, from the variables' values */
    @Override
    public abstract double result();

    /** Keras's {@code reset_state}: every variable back to zero. */
    public void resetState() {
        variables.forEach(MetricVariable::zero);
    }

    /**
     * Keras's {@code get_config}; a subclass adds its own arguments to this map.
     *
     * @return {@code name} and {@code dtype}
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("dtype", "float32");
        return config;
    }

    @Override
    public final int stateSize(long[] outputShape) {
        return variables.stream().mapToInt(MetricVariable::size).sum();
    }

    @Override
    public final Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        pending = new IdentityHashMap<>();
        pendingTf = tf;
        try {
            updateState(tf, Loss.floats(tf, yTrue), yPred.output());
            List<Operand<TFloat32>> parts = new ArrayList<>();
            for (MetricVariable v : variables) {
                Operand<TFloat32> delta = pending.get(v);
                parts.add(delta == null ? tf.zeros(tf.constant(new int[] {v.size()}), TFloat32.class)
                        : tf.reshape(tf.broadcastTo(delta, tf.constant(v.shape())), tf.constant(new int[] {v.size()})));
            }
            if (parts.size() < 2) {   // ConcatV2 takes two parts or more
                return parts.isEmpty() ? tf.zeros(tf.constant(new int[] {0}), TFloat32.class) : parts.get(0);
            }
            return tf.concat(parts, tf.constant(0));
        } finally {
            pending = null;
            pendingTf = null;
        }
    }

    @Override
    public final void update(double[] sums, long samples) {
        requireSize(sums, stateSize(null), name());
        int offset = 0;
        for (MetricVariable v : variables) {
            v.add(sums, offset);
            offset += v.size();
        }
    }

    @Override
    public final void reset() {
        resetState();
    }

    void record(MetricVariable variable, Operand<TFloat32> delta) {
        if (pending == null) {
            throw new IllegalStateException(name() + ": assignAdd on '" + variable.name() + "' outside updateState");
        }
        Operand<TFloat32> previous = pending.get(variable);
        pending.put(variable, previous == null ? delta : pendingTf.math.add(previous, delta));
    }
}
