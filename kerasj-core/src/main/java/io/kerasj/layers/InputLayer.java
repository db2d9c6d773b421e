package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code InputLayer}: the layer behind an {@link Input}. It has no weights and computes nothing; a
 * functional model's summary lists it, a Sequential's does not.
 */
public final class InputLayer extends Layer {
    private final Input input;

    InputLayer(String name, Input input) {
        super(name);
        this.input = input;
    }

    /** @return the input tensor this layer stands for */
    public Input input() {
        return input;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape;
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(input);
    }
}
