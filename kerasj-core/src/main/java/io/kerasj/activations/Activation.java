package io.kerasj.activations;

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
    TANH,
    /** Keras's {@code selu}: {@code scale * elu(x, alpha)} with Klambauer et al.'s constants. */
    SELU,
    /** {@code x} for positive {@code x}, else {@code exp(x) - 1} (Keras's default alpha 1). */
    ELU,
    /** {@code log(1 + exp(x))}. */
    SOFTPLUS,
    /** {@code x / (1 + |x|)}. */
    SOFTSIGN,
    /** Keras's {@code silu} (alias {@code swish}): {@code x * sigmoid(x)}. */
    SILU,
    /** Keras 3's {@code gelu} with its default {@code approximate=False}: {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    GELU,
    /** Keras 3's {@code leaky_relu} with its default {@code negative_slope=0.2}. */
    LEAKY_RELU,
    /** {@code exp(x)}. */
    EXPONENTIAL;

    /** Keras 3's default {@code negative_slope} of {@code leaky_relu}. */
    public static final float LEAKY_RELU_SLOPE = 0.2f;
    private static final String NAMES = "relu, sigmoid, tanh, softmax, selu, elu, softplus, softsign, swish, silu, gelu, "
            + "leaky_relu, exponential, linear";

    /**
     * @param name a Keras activation name ({@code relu}, {@code sigmoid}, {@code tanh}, {@code softmax},
     *     {@code selu}, {@code elu}, {@code softplus}, {@code softsign}, {@code swish} or {@code silu},
     *     {@code gelu}, {@code leaky_relu}, {@code exponential}, {@code linear}), or null for linear
     * @return the activation
     * @throws IllegalArgumentException for an unknown name
     */
    public static Activation of(String name) {
        if (name == null || name.isEmpty()) {
            return LINEAR;
        }
        if (name.equals("swish")) {
            return SILU;
        }
        if (name.equals(name.toLowerCase(Locale.ROOT))) {
            for (Activation a : values()) {
                if (a.kerasName().equals(name)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("activation: expected one of " + NAMES + ", found '" + name + "'");
    }

    /** @return the Keras names {@link #of} accepts, comma-separated */
    public static String names() {
        return NAMES;
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
            case SELU -> tf.nn.selu(x);
            case ELU -> tf.nn.elu(x);
            case SOFTPLUS -> tf.math.softplus(x);
            case SOFTSIGN -> tf.nn.softsign(x);
            case SILU -> tf.math.mul(x, tf.math.sigmoid(x));
            case GELU -> tf.math.mul(tf.math.mul(x, tf.constant(0.5f)),
                    tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
            case LEAKY_RELU -> tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(LEAKY_RELU_SLOPE));
            case EXPONENTIAL -> tf.math.exp(x);
        };
    }
}
