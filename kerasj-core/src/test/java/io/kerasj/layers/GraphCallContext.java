package io.kerasj.layers;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A {@link CallContext} for tests that call layers directly in a graph of their own, without a model: inference
 * mode, seed 0, each weight read from the operand the test gives for it (a placeholder, to differentiate by it).
 */
public final class GraphCallContext implements CallContext {
    private final Ops tf;
    private final Map<WeightSpec, Operand<TFloat32>> weights = new IdentityHashMap<>();

    /** @param tf the test graph's ops */
    public GraphCallContext(Ops tf) {
        this.tf = tf;
    }

    /**
     * @param weight a layer's weight handle
     * @param value the operand its reads give
     * @return this context
     */
    public GraphCallContext with(WeightSpec weight, Operand<TFloat32> value) {
        weights.put(weight, value);
        return this;
    }

    @Override
    public Ops tf() {
        return tf;
    }

    @Override
    public boolean training() {
        return false;
    }

    @Override
    public Operand<TFloat32> read(WeightSpec weight) {
        Operand<TFloat32> value = weights.get(weight);
        if (value == null) {
            throw new IllegalStateException("the test gave no value for weight " + weight.name());
        }
        return value;
    }

    @Override
    public void update(WeightSpec weight, Operand<TFloat32> value) {
        throw new IllegalStateException("no training in a test graph");
    }

    @Override
    public long seed() {
        return 0;
    }

    /** Runs a sublayer in this same context: its weights are read from the operands the test gave. */
    @Override
    public List<LayerOutput> callAll(Layer sublayer, List<Operand<TFloat32>> inputs) {
        return sublayer.callAll(this, inputs);
    }
}
