package io.kerasj.engine;

import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Node;
import io.kerasj.layers.WeightSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The model's forward pass: the network's nodes run in order on a batch of each input. Each output keeps its
 * logits when its activation can be split off, so the loss can be computed from them as Keras does; in training,
 * the new values of the non-trainable weights the layers wrote are collected, and so are the losses the layers
 * added (Keras's {@code add_loss}, among them each activity regularizer's penalty divided by the batch size).
 *
 * <p>The forward pass is public so that exporters can rebuild it in their own graphs.
 *
 * @param predictions each output, with its logits where the last activation can be split off
 * @param updates new values of non-trainable weights, by handle (empty at inference)
 * @param losses the scalar losses the layers added, in the order they ran (Keras's {@code model.losses} but the
 *     weight penalties, which {@link Regularization} computes)
 */
public record Forward(List<LayerOutput> predictions, Map<WeightSpec, Operand<TFloat32>> updates, List<Operand<TFloat32>> losses) {

    /**
     * A pass that added no losses.
     *
     * @param predictions each output
     * @param updates new values of non-trainable weights
     */
    public Forward(List<LayerOutput> predictions, Map<WeightSpec, Operand<TFloat32>> updates) {
        this(predictions, updates, List.of());
    }

    /** Seeds of layer {@code i}'s random ops: the model's seed plus a stride per position. */
    static final long SEED_STRIDE = 7919L;
    /** Further seed stride of a shared layer's second and later calls. */
    static final long NODE_STRIDE = 104_729L;

    /** @return the first output's prediction (the model's, for a model of one output) */
    public LayerOutput prediction() {
        return predictions.get(0);
    }

    /** @return the model's output (probabilities for a softmax model); the first, for several */
    public Operand<TFloat32> output() {
        return prediction().output();
    }

    /**
     * @return the values behind a softmax or sigmoid output, or null (Keras 3's {@code _keras_logits}, which its
     *     cross-entropies take as softmax logits)
     */
    public Operand<TFloat32> logits() {
        return prediction().logits();
    }

    /**
     * Runs a network.
     *
     * @param tf the graph's ops
     * @param network the nodes to run
     * @param layers the model's layers, whose positions derive the seeds
     * @param inputs a batch of each input, in the network's order (integer inputs are cast to float32 for layers)
     * @param values the current value of every weight, by handle
     * @param training whether training-only behaviour is on
     * @param seed the model's seed, from which each layer's seed is derived
     * @return the outputs, their logits and the state updates
     */
    public static Forward of(Ops tf, Network network, List<Layer> layers, List<? extends Operand<? extends TNumber>> inputs,
                             Map<WeightSpec, Operand<TFloat32>> values, boolean training, long seed) {
        Map<WeightSpec, Operand<TFloat32>> updates = new IdentityHashMap<>();
        List<Operand<TFloat32>> losses = new ArrayList<>();
        List<LayerOutput> outputs = run(tf, network, layers, inputs, values, updates, losses, training, seed);
        return new Forward(outputs, updates, List.copyOf(losses));
    }

    /**
     * Runs a network, adding the state updates to a map and the added losses to a list.
     *
     * @return the outputs in the network's order
     */
    private static List<LayerOutput> run(Ops tf, Network network, List<Layer> layers, List<? extends Operand<? extends TNumber>> inputs,
                                 Map<WeightSpec, Operand<TFloat32>> values, Map<WeightSpec, Operand<TFloat32>> updates,
                                 List<Operand<TFloat32>> losses, boolean training, long seed) {
        Map<KerasTensor, LayerOutput> computed = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            computed.put(network.inputs().get(i), LayerOutput.of(asFloat(tf, inputs.get(i))));
        }
        Map<Layer, Integer> positions = new IdentityHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            positions.put(layers.get(i), i);
        }
        for (Node node : network.nodes()) {
            if (node.isInput()) {
                continue;
            }
            List<Operand<TFloat32>> in = new ArrayList<>();
            for (KerasTensor t : node.inputs()) {
                in.add(computed.get(t).output());
            }
            Layer layer = node.layer();
            long layerSeed = seed + SEED_STRIDE * (positions.getOrDefault(layer, 0) + 1) + NODE_STRIDE * node.index();
            List<LayerOutput> out = layer.callAll(new LayerCallContext(tf, layer, values, updates, losses, training, layerSeed), in);
            for (int k = 0; k < out.size(); k++) {
                computed.put(node.outputs().get(k), out.get(k));
            }
            if (layer.activityRegularizer() != null) {
                out.forEach(o -> losses.add(Regularization.activity(tf, layer.activityRegularizer(), o.output())));
            }
        }
        List<LayerOutput> outputs = new ArrayList<>();
        for (KerasTensor t : network.outputs()) {
            outputs.add(computed.get(t));
        }
        return outputs;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> asFloat(Ops tf, Operand<? extends TNumber> input) {
        return input.type() == TFloat32.class ? (Operand<TFloat32>) input : tf.dtypes.cast(input, TFloat32.class);
    }
}
