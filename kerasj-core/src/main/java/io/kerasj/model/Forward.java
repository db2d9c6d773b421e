package io.kerasj.model;

import io.kerasj.layers.Activation;
import io.kerasj.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The model's forward pass: the layers applied in order to a batch. When the last layer ends in a softmax or a
 * sigmoid, the values behind it are kept too, so the loss can be computed from them as Keras 3 does (its
 * activations cache them as {@code _keras_logits}, which its sparse cross-entropy takes as softmax logits).
 *
The forward pass is public so that exporters can rebuild it in their own graphs.
 *
 * @param output the model's output (probabilities for a softmax model)
 * @param logits the values behind a softmax or sigmoid output, or null
 */
public record Forward(Operand<TFloat32> output, Operand<TFloat32> logits) {

    /**
     * @param tf the graph's ops
     * @param layers the model's layers
     * @param input a batch {@code [batch, ...inputShape]}
     * @param weights every layer's weights, concatenated in layer order
     * @param training whether training-only behaviour (Dropout) is on
     * @return the output and, for a softmax or sigmoid output, the values behind it
     */
    public static Forward of(Ops tf, List<Layer> layers, Operand<TFloat32> input, List<? extends Operand<TFloat32>> weights, boolean training) {
        Operand<TFloat32> x = input;
        int next = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int count = layer.weightSpecs().size();
            List<Operand<TFloat32>> own = new ArrayList<>(weights.subList(next, next + count));
            next += count;
            boolean last = i == layers.size() - 1;
            if (last && (layer.activation() == Activation.SOFTMAX || layer.activation() == Activation.SIGMOID)) {
                Operand<TFloat32> logits = layer.callWithoutActivation(tf, x, own, training);
                return new Forward(layer.activation().apply(tf, logits), logits);
            }
            x = layer.call(tf, x, own, training);
        }
        return new Forward(x, null);
    }
}
