package io.kerasj.layers;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The activations a layer applies, by Keras name. */
public enum Activation {
    /** No activation ({@code None} / {@code "linear"}). */
    LINEAR,
    /** {@code max(x, 0)}. */
    RELU,
    /** Softmax over the last axis. */
    SOFTMAX,
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID,
    /** Hyperbolic tangent. */
    TANH;

    /**
     * @param name a Keras activation name ({@code relu}, {@code softmax}, {@code sigmoid}, {@code tanh},
     *     {@code linear}), or null for linear
     * @return the activation
     * @throws IllegalArgumentException for an unknown name
     */
    public static Activation of(String name) {
        if (name == null || name.isEmpty()) {
            return LINEAR;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation: expected one of relu, softmax, sigmoid, tanh, linear, found '" + name + "'");
        }
    }

    /** @return true when a loss can take the values before this activation as its logits (softmax, sigmoid) */
    public boolean hasLogits() {
        return this == SOFTMAX || this == SIGMOID;
    }

    /** @return Keras's name for it */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param tf the graph's ops
     * @param x the pre-activation values
     * @return the activation applied to {@code x}
     */
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        return switch (this) {
            case LINEAR -> x;
            case RELU -> tf.nn.relu(x);
            case SOFTMAX -> tf.nn.softmax(x);
            case SIGMOID -> tf.math.sigmoid(x);
            case TANH -> tf.math.tanh(x);
        };
    }
}
