package io.kerasj.train;

import io.kerasj.layers.Activation;
import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code categorical_crossentropy}: targets shaped like the output (one-hot or soft), over the last axis.
 * From the logits behind a softmax output (Keras keeps them), {@code -sum(y * log_softmax(logits))}; otherwise,
 * as Keras's backend, the output is scaled to sum to one, clipped to [1e-7, 1 - 1e-7] and
 * {@code -sum(y * log(p))} taken.
 *
 * @param fromLogits true when the model's output is logits rather than probabilities
 */
public record CategoricalCrossentropy(boolean fromLogits) implements Loss {
    private static final float EPSILON = 1e-7f;

    /** Keras's default: the output is probabilities. */
    public CategoricalCrossentropy() {
        this(false);
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public boolean takesClassIndices() {
        return false;
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Loss.floats(tf, yTrue);
        Operand<TFloat32> logits = fromLogits ? yPred.output() : yPred.logits();
        Operand<TFloat32> logProbabilities;
        if (logits != null) {
            logProbabilities = tf.nn.logSoftmax(logits);
        } else {
            Operand<TFloat32> p = yPred.output();
            Operand<TFloat32> scaled = tf.math.div(p, tf.reduceSum(p, tf.constant(-1), org.tensorflow.op.core.ReduceSum.keepDims(true)));
            logProbabilities = tf.math.log(tf.clipByValue(scaled, tf.constant(EPSILON), tf.constant(1f - EPSILON)));
        }
        return tf.math.neg(tf.reduceSum(tf.math.mul(target, logProbabilities), tf.constant(-1)));
    }
}
