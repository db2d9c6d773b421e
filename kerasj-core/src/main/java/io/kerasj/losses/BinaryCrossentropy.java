package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras 3's {@code binary_crossentropy}: targets shaped like the output (0/1 or soft), averaged over the last axis.
 *
 * <p>As Keras 3 on TensorFlow, whenever the output carries the logits behind its activation (Keras's
 * {@code _keras_logits}, set by sigmoid and softmax alike) those are used, through TensorFlow's
 * {@code sigmoid_cross_entropy_with_logits}: {@code max(x, 0) - x z + log1p(exp(-|x|))}. Logits are also the
 * output itself with {@code from_logits}. Otherwise the output is clipped to [1e-7, 1 - 1e-7] and
 * {@code -(z log p + (1 - z) log(1 - p))} taken. With label smoothing s, the targets become
 * {@code z (1 - s) + 0.5 s} first.
 *
 * @param fromLogits true when the model's output is logits rather than probabilities
 * @param labelSmoothing in [0, 1]; 0 for none (Keras's default)
 */
public record BinaryCrossentropy(boolean fromLogits, double labelSmoothing) implements Loss {
    private static final float EPSILON = 1e-7f;

    /** Keras's defaults: probabilities, no label smoothing. */
    public BinaryCrossentropy() {
        this(false, 0);
    }

    /** @param fromLogits true when the model's output is logits */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0);
    }

    /**
     * Checks the arguments.
     *
     * @param fromLogits true when the model's output is logits rather than probabilities
     * @param labelSmoothing in [0, 1]; 0 for none (Keras's default)
     */
    public BinaryCrossentropy {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label_smoothing: expected a value in [0, 1], found " + labelSmoothing);
        }
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Loss.floats(tf, yTrue);
        if (labelSmoothing != 0) {
            // Keras: y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing, the constants in float64, rounded.
            target = tf.math.add(tf.math.mul(target, tf.constant((float) (1 - labelSmoothing))), tf.constant((float) (0.5 * labelSmoothing)));
        }
        Operand<TFloat32> logits = yPred.logits() != null ? yPred.logits() : fromLogits ? yPred.output() : null;
        Operand<TFloat32> perElement = logits != null ? withLogits(tf, target, logits) : withProbabilities(tf, target, yPred.output());
        return tf.math.mean(perElement, tf.constant(-1));
    }

    /** TensorFlow's {@code sigmoid_cross_entropy_with_logits}, with its ops in its order. */
    static Operand<TFloat32> withLogits(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> logits) {
        Operand<TBool> positive = tf.math.greaterEqual(logits, tf.zerosLike(logits));
        Operand<TFloat32> reluLogits = tf.select(positive, logits, tf.zerosLike(logits));
        Operand<TFloat32> negAbsLogits = tf.select(positive, tf.math.neg(logits), logits);
        return tf.math.add(tf.math.sub(reluLogits, tf.math.mul(logits, labels)), tf.math.log1p(tf.math.exp(negAbsLogits)));
    }

    private static Operand<TFloat32> withProbabilities(Ops tf, Operand<TFloat32> target, Operand<TFloat32> output) {
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> p = tf.clipByValue(output, tf.constant(EPSILON), tf.constant(1f - EPSILON));
        Operand<TFloat32> bce = tf.math.add(tf.math.mul(target, tf.math.log(p)),
                tf.math.mul(tf.math.sub(one, target), tf.math.log(tf.math.sub(one, p))));
        return tf.math.neg(bce);
    }
}
