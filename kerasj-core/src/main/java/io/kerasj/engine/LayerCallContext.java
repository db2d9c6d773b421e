package io.kerasj.engine;

import io.kerasj.layers.CallContext;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.layers.LayerOutput;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The {@link CallContext} the forward pass gives one layer: values looked up by handle, updates and losses collected. */
final class LayerCallContext implements CallContext {
    private final Ops tf;
    private final Layer layer;
    private final Map<WeightSpec, Operand<TFloat32>> values;
    private final Map<WeightSpec, Operand<TFloat32>> updates;
    private final List<Operand<TFloat32>> losses;
    private final boolean training;
    private final long seed;
    private final Map<Layer, Integer> sublayerCalls = new java.util.IdentityHashMap<>();

    LayerCallContext(Ops tf, Layer layer, Map<WeightSpec, Operand<TFloat32>> values,
                     Map<WeightSpec, Operand<TFloat32>> updates, List<Operand<TFloat32>> losses, boolean training, long seed) {
        this.tf = tf;
        this.layer = layer;
        this.values = values;
        this.updates = updates;
        this.losses = losses;
        this.training = training;
        this.seed = seed;
    }

    @Override
    public Ops tf() {
        return tf;
    }

    @Override
    public boolean training() {
        return training;
    }

    @Override
    public Operand<TFloat32> read(WeightSpec weight) {
        Operand<TFloat32> value = values.get(weight);
        if (value == null || !layer.weightSpecs().contains(weight)) {
            throw new IllegalArgumentException("layer " + layer.name() + ": weight " + weight + " is not one of its own");
        }
        return value;
    }

    @Override
    public void update(WeightSpec weight, Operand<TFloat32> value) {
        if (!training) {
            throw new IllegalStateException("layer " + layer.name() + ": weight " + weight + " can only be updated in training");
        }
        if (weight.trainable()) {
            throw new IllegalStateException("layer " + layer.name() + ": weight " + weight + " is trainable; only the optimizer updates it");
        }
        read(weight);
        updates.put(weight, value);
    }

    @Override
    public void addLoss(Operand<TFloat32> loss) {
        losses.add(java.util.Objects.requireNonNull(loss, "loss"));
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public List<LayerOutput> callAll(Layer sublayer, List<Operand<TFloat32>> inputs) {
        int index = indexOf(layer.sublayers(), sublayer);
        if (index < 0) {
            throw new IllegalArgumentException("layer " + layer.name() + ": " + (sublayer == null ? "null" : sublayer.name())
                    + " is not one of its sublayers (a layer held in one of its fields)");
        }
        int calls = sublayerCalls.merge(sublayer, 1, Integer::sum) - 1;
        long sublayerSeed = seed + Forward.SEED_STRIDE * (index + 1) + Forward.NODE_STRIDE * calls;
        List<LayerOutput> out = sublayer.callAll(new LayerCallContext(tf, sublayer, values, updates, losses, training, sublayerSeed), inputs);
        if (sublayer.activityRegularizer() != null) {
            out.forEach(o -> losses.add(Regularization.activity(tf, sublayer.activityRegularizer(), o.output())));
        }
        return out;
    }

    private static int indexOf(List<Layer> layers, Layer layer) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == layer) {
                return i;
            }
        }
        return -1;
    }
}
