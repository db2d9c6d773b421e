package io.kerasj.activations;

import io.kerasj.saving.ObjectRegistration;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An activation: a function on a tensor, as Keras's {@code activation=} takes one. Keras's built-ins are the
 * constants ({@link #RELU}, {@link #SOFTMAX}, ...) and {@link #of} finds them by name; any other function is a lambda,
 * {@code (tf, x) -> tf.math.mul(tf.constant(2f), tf.math.tanh(x))}. Registered with
 * {@link ObjectRegistration#registerKerasSerializable(String, String, Object)}, a custom activation saves to and
 * loads from {@code .keras} files by its registered name, as Keras writes a registered function
 * ({@code {"module": "builtins", "class_name": "function", "config": "package>name", "registered_name": "function"}}).
 */
@FunctionalInterface
public interface Activation {
    /** No activation ({@code None} / {@code "linear"}). */
    Activation LINEAR = BuiltInActivation.LINEAR;
    /** {@code max(x, 0)}. */
    Activation RELU = BuiltInActivation.RELU;
    /** Softmax over the last axis. */
    Activation SOFTMAX = BuiltInActivation.SOFTMAX;
    /** {@code 1 / (1 + exp(-x))}. */
    Activation SIGMOID = BuiltInActivation.SIGMOID;
    /** Hyperbolic tangent. */
    Activation TANH = BuiltInActivation.TANH;
    /** Keras's {@code selu}: {@code scale * elu(x, alpha)} with Klambauer et al.'s constants. */
    Activation SELU = BuiltInActivation.SELU;
    /** {@code x} for positive {@code x}, else {@code exp(x) - 1} (Keras's default alpha 1). */
    Activation ELU = BuiltInActivation.ELU;
    /** {@code log(1 + exp(x))}. */
    Activation SOFTPLUS = BuiltInActivation.SOFTPLUS;
    /** {@code x / (1 + |x|)}. */
    Activation SOFTSIGN = BuiltInActivation.SOFTSIGN;
    /** Keras's {@code silu} (alias {@code swish}): {@code x * sigmoid(x)}. */
    Activation SILU = BuiltInActivation.SILU;
    /** Keras 3's {@code gelu} with its default {@code approximate=False}: {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    Activation GELU = BuiltInActivation.GELU;
    /** Keras 3's {@code leaky_relu} with its default {@code negative_slope=0.2}. */
    Activation LEAKY_RELU = BuiltInActivation.LEAKY_RELU;
    /** {@code exp(x)}. */
    Activation EXPONENTIAL = BuiltInActivation.EXPONENTIAL;
    /** {@code min(max(x, 0), 6)}. */
    Activation RELU6 = BuiltInActivation.RELU6;
    /** Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}. */
    Activation HARD_SIGMOID = BuiltInActivation.HARD_SIGMOID;
    /** Keras 3's {@code hard_silu} (alias {@code hard_swish}): {@code x * hard_sigmoid(x)}. */
    Activation HARD_SILU = BuiltInActivation.HARD_SILU;
    /** {@code x * tanh(softplus(x))}. */
    Activation MISH = BuiltInActivation.MISH;

    /**
     * Keras 3's {@code keras.activations.gelu(x, approximate)}. With {@code approximate=false} it is {@link #GELU}, the
     * one Keras names {@code "gelu"}; the tanh approximation
     * {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))} has no Keras name, so a layer using it saves only once it
     * is registered ({@code ObjectRegistration.registerKerasSerializable}), as in Keras.
     *
     * @param approximate whether to use the tanh approximation
     * @return the activation
     */
    static Activation gelu(boolean approximate) {
        if (!approximate) {
            return GELU;
        }
        return (tf, x) -> {
            Operand<TFloat32> cube = tf.math.mul(tf.constant(0.044715f), tf.math.mul(x, tf.math.mul(x, x)));
            Operand<TFloat32> inner = tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)), tf.math.add(x, cube));
            return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
        };
    }

    /** Keras 3's default {@code negative_slope} of {@code leaky_relu}. */
    float LEAKY_RELU_SLOPE = 0.2f;

    /**
     * @param tf the graph's ops
     * @param x the pre-activation values
     * @return the activation applied to {@code x}
     */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);

    /** @return true when a loss can take the values before this activation as its logits (softmax, sigmoid) */
    default boolean hasLogits() {
        return false;
    }

    /**
     * @return Keras's name for a built-in; a custom activation's registered name ({@code "package>name"})
     * @throws IllegalStateException for a custom activation that is not registered
     */
    default String kerasName() {
        return registeredName().orElseThrow(() -> new IllegalStateException("activation: a custom activation has a name "
                + "once registered: ObjectRegistration.registerKerasSerializable(package, name, activation)"));
    }

    /** @return the name it is registered by, if registered ({@code "package>name"}); never for a built-in */
    default Optional<String> registeredName() {
        return ObjectRegistration.getRegisteredName(this);
    }

    /**
     * Keras's {@code keras.activations.get(name)}.
     *
     * @param name a Keras activation name ({@code relu}, {@code sigmoid}, {@code tanh}, {@code softmax},
     *     {@code selu}, {@code elu}, {@code softplus}, {@code softsign}, {@code swish} or {@code silu},
     *     {@code gelu}, {@code leaky_relu}, {@code exponential}, {@code linear}), the registered name of a custom
     *     activation ({@code "package>name"}), or null for linear
     * @return the activation
     * @throws IllegalArgumentException for an unknown name
     */
    static Activation of(String name) {
        if (name == null || name.isEmpty()) {
            return LINEAR;
        }
        BuiltInActivation builtIn = BuiltInActivation.byName(name);
        if (builtIn != null) {
            return builtIn;
        }
        Optional<Object> registered = ObjectRegistration.getRegisteredObject(name).map(ObjectRegistration.Registered::function);
        if (registered.isPresent() && registered.get() instanceof Activation custom) {
            return custom;
        }
        throw new IllegalArgumentException("activation: expected one of " + names()
                + " or a registered activation's 'package>name', found '" + name + "'");
    }

    /** @return the Keras names {@link #of} accepts, comma-separated (registered names aside) */
    static String names() {
        return "relu, sigmoid, tanh, softmax, selu, elu, softplus, softsign, swish, silu, gelu, leaky_relu, exponential, relu6, "
                + "hard_sigmoid, hard_silu, hard_swish, mish, linear";
    }
}
