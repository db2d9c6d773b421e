package io.kerasj.activations;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's built-in activations, by Keras name; users reach them as {@link Activation}'s constants. */
enum BuiltInActivation implements Activation {
    LINEAR, RELU, SOFTMAX, SIGMOID, TANH, SELU, ELU, SOFTPLUS, SOFTSIGN, SILU, GELU, LEAKY_RELU, EXPONENTIAL, RELU6, HARD_SIGMOID,
    HARD_SILU, MISH;

    /**
     * @param name a Keras name ({@code swish} is {@code silu}'s alias, {@code hard_swish} {@code hard_silu}'s)
     * @return the built-in, or null when none has the name
     */
    static BuiltInActivation byName(String name) {
        String wanted = switch (name) {
            case "swish" -> "silu";
            case "hard_swish" -> "hard_silu";
            default -> name;
        };
        for (BuiltInActivation a : values()) {
            if (a.kerasName().equals(wanted)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public boolean hasLogits() {
        return this == SOFTMAX || this == SIGMOID;
    }

    @Override
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param tf the graph's ops
     * @param x the pre-activation values
     * @return the activation applied to {@code x}
     */
    @Override
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
            case RELU6 -> tf.nn.relu6(x);
            case HARD_SIGMOID -> hardSigmoid(tf, x);
            case HARD_SILU -> tf.math.mul(x, hardSigmoid(tf, x));
            case MISH -> tf.math.mul(x, tf.math.tanh(tf.math.softplus(x)));
        };
    }

    /** Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}. */
    private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x) {
        return tf.math.div(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(6f));
    }
}
