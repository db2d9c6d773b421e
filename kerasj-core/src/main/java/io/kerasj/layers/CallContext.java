package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a layer's {@link Layer#call} sees of the model running it: the graph's ops, the current value of each of
 * its weights, whether it trains, where to write its non-trainable state, and its random seed.
 */
public interface CallContext {

    /** @return the graph's ops, scoped for this layer */
    Ops tf();

    /** @return true inside {@code fit} (Dropout drops, BatchNormalization uses and updates batch statistics) */
    boolean training();

    /**
     * @param weight a handle the layer got from {@link WeightDeclarations#add}
     * @return the weight's current value
     */
    Operand<TFloat32> read(WeightSpec weight);

    /**
     * Sets a non-trainable weight's value after this training step (Keras's {@code assign} of a moving statistic).
     * Only allowed in training.
     *
     * @param weight a non-trainable handle of this layer
     * @param value its new value, of the weight's shape
     * @throws IllegalStateException outside training or for a trainable weight
     */
    void update(WeightSpec weight, Operand<TFloat32> value);

    /**
     * Keras's {@code add_loss}: a scalar the model adds to its loss (in training, evaluation and validation), such as
     * an activity penalty. Call it from {@link Layer#call}.
     *
     * @param loss a float32 tensor; Keras sums its elements
     * @throws UnsupportedOperationException where the context collects no losses
     */
    default void addLoss(Operand<TFloat32> loss) {
        throw new UnsupportedOperationException("this call context collects no losses");
    }

    /** @return the op-level seed for this layer's random ops, fixed by the model's seed and the layer's position */
    long seed();

    /**
     * Keras's {@code self.conv1(x)} inside a layer's {@code call}: runs one of this layer's sublayers (a layer its
     * fields hold, built in its {@code build}) on operands, with this call's training flag, a seed derived from this
     * layer's, and its state updates (BatchNormalization's moving statistics) kept for the training step.
     *
     * @param sublayer one of {@link Layer#sublayers()} of the calling layer
     * @param inputs the batches of inputs
     * @return the sublayer's outputs
     * @throws IllegalArgumentException when the layer is not a sublayer of the calling one
     */
    List<LayerOutput> callAll(Layer sublayer, List<Operand<TFloat32>> inputs);

    /**
     * {@link #callAll(Layer, List)} for a sublayer of one input and one output: {@code context.call(conv1, x)}.
     *
     * @param sublayer one of {@link Layer#sublayers()} of the calling layer
     * @param input a batch of inputs
     * @return the sublayer's output
     */
    default LayerOutput call(Layer sublayer, Operand<TFloat32> input) {
        return call(sublayer, List.of(input));
    }

    /**
     * {@link #callAll(Layer, List)} for a sublayer of several inputs and one output: {@code context.call(add, List.of(x, y))}.
     *
     * @param sublayer one of {@link Layer#sublayers()} of the calling layer
     * @param inputs the batches of inputs
     * @return the sublayer's output
     */
    default LayerOutput call(Layer sublayer, List<Operand<TFloat32>> inputs) {
        List<LayerOutput> outputs = callAll(sublayer, inputs);
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("layer " + sublayer.name() + " gives " + outputs.size() + " outputs: use callAll");
        }
        return outputs.get(0);
    }
}
