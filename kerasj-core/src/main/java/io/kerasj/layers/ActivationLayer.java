package io.kerasj.layers;

import io.kerasj.activations.Activation;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Activation} layer ({@code keras.layers.Activation("relu")}), named so in Java because
 * {@link Activation} is the function; {@code summary()} shows it as {@code Activation}.
 */
public final class ActivationLayer extends Layer {
    private final Activation activation;

    /** @param activation a Keras activation name */
    public ActivationLayer(String activation) {
        this(Activation.of(activation));
    }

    /** @param activation the activation */
    public ActivationLayer(Activation activation) {
        super(null);
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String className() {
        return "Activation";
    }

    /** @return the activation applied */
    public Activation activation() {
        return activation;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.activated(activation, context.tf(), input);
    }
}
