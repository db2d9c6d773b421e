package io.kerasj.layers;

import io.kerasj.activations.Activation;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Layer#call} returns: its output, and the logits behind it when the layer ends in an activation a
 * loss can see through (softmax, sigmoid), as Keras keeps {@code _keras_logits}.
 *
 * @param output the layer's output
 * @param logits the pre-activation values, or null
 * @param activation the activation that turned {@code logits} into {@code output} ({@link Activation#LINEAR} when
 *     there are no logits)
 */
public record LayerOutput(Operand<TFloat32> output, Operand<TFloat32> logits, Activation activation) {

    /**
     * Checks the arguments.
     *
     * @param output the layer's output
     * @param logits the pre-activation values, or null
     * @param activation the activation that turned {@code logits} into {@code output} ({@link Activation#LINEAR} when
     *     there are no logits)
     */
    public LayerOutput {
        Objects.requireNonNull(output, "output");
        activation = logits == null ? Activation.LINEAR : Objects.requireNonNull(activation, "activation");
    }

    /**
     * @param output an output with no logits behind it
     * @return the layer output
     */
    public static LayerOutput of(Operand<TFloat32> output) {
        return new LayerOutput(output, null, Activation.LINEAR);
    }

    /**
     * @param activation the activation to apply
     * @param tf the graph's ops
     * @param preActivation the values before it
     * @return the activated output, keeping {@code preActivation} as logits for softmax and sigmoid
     */
    public static LayerOutput activated(Activation activation, org.tensorflow.op.Ops tf, Operand<TFloat32> preActivation) {
        Operand<TFloat32> output = activation.apply(tf, preActivation);
        return activation.hasLogits() ? new LayerOutput(output, preActivation, activation) : of(output);
    }

    /**
     * @param wanted an activation
     * @return the logits when the output came from {@code wanted}, else null
     */
    public Operand<TFloat32> logitsOf(Activation wanted) {
        return activation == wanted ? logits : null;
    }
}
