package io.kerasj.engine;

import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightSpec;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The model's forward pass: the layers applied in order to a batch. The last layer's logits are kept when its
 * activation can be split off, so the loss can be computed from them as Keras does; in training, the new values
 * of the non-trainable weights the layers wrote are collected.
 *
 * <p>The forward pass is public so that exporters can rebuild it in their own graphs.
 *
 * @param prediction the last layer's output and logits
 * @param updates new values of non-trainable weights, by handle (empty at inference)
 */
public record Forward(LayerOutput prediction, Map<WeightSpec, Operand<TFloat32>> updates) {

    /** Seeds of layer {@code i}'s random ops: the model's seed plus a stride per position. */
    static final long SEED_STRIDE = 7919L;

    /** @return the model's output (probabilities for a softmax model) */
    public Operand<TFloat32> output() {
        return prediction.output();
    }

    /**
     * @return the values behind a softmax or sigmoid output, or null (Keras 3's {@code _keras_logits}, which its
     *     cross-entropies take as softmax logits)
     */
    public Operand<TFloat32> logits() {
        return prediction.logits();
    }

    /**
     * @param tf the graph's ops
     * @param layers the model's layers
     * @param input a batch {@code [batch, ...inputShape]}
     * @param weights every layer's weights, concatenated in layer order and each layer's declaration order
     * @param training whether training-only behaviour (Dropout) is on
     * @return the output and, for a softmax output, the logits
     */
    public static Forward of(Ops tf, List<Layer> layers, Operand<TFloat32> input, List<? extends Operand<TFloat32>> weights, boolean training) {
        Map<WeightSpec, Operand<TFloat32>> values = new IdentityHashMap<>();
        int next = 0;
        for (Layer layer : layers) {
            for (WeightSpec spec : layer.weightSpecs()) {
                values.put(spec, weights.get(next++));
            }
        }
        return of(tf, layers, input, values, training, 0);
    }

    /**
     * @param tf the graph's ops
     * @param layers the model's layers
     * @param input a batch {@code [batch, ...inputShape]}
     * @param values the current value of every layer weight, by handle
     * @param training whether training-only behaviour is on
     * @param seed the model's seed, from which each layer's seed is derived
     * @return the output, the logits and the state updates
     */
    static Forward of(Ops tf, List<Layer> layers, Operand<TFloat32> input, Map<WeightSpec, Operand<TFloat32>> values,
                      boolean training, long seed) {
        Map<WeightSpec, Operand<TFloat32>> updates = new IdentityHashMap<>();
        LayerOutput result = LayerOutput.of(input);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerCallContext context = new LayerCallContext(tf, layer, values, updates, training, seed + SEED_STRIDE * (i + 1));
            result = layer.call(context, result.output());
        }
        return new Forward(result, updates);
    }
}
