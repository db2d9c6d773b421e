package io.kerasj.losses;

import io.kerasj.activations.Activation;
import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code categorical_crossentropy}: targets shaped like the output (one-hot or soft), over the last axis.
 * From the logits behind a softmax or sigmoid output (Keras's {@code _keras_logits}), or the output itself with
 * {@code from_logits}, through TensorFlow's fused op as Keras 3: {@code -sum(y * log_softmax(logits))}, with that
 * op's gradient {@code softmax - y}; otherwise,
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
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> target = Loss.floats(tf, yTrue);
        Operand<TFloat32> logits = fromLogits ? yPred.output() : yPred.logits();
        if (logits != null) {
            return fromLogits(tf, target, logits);
        }
        Operand<TFloat32> p = yPred.output();
        Operand<TFloat32> scaled = tf.math.div(p, tf.reduceSum(p, tf.constant(-1), org.tensorflow.op.core.ReduceSum.keepDims(true)));
        Operand<TFloat32> logProbabilities = tf.math.log(tf.clipByValue(scaled, tf.constant(EPSILON), tf.constant(1f - EPSILON)));
        return tf.math.neg(tf.reduceSum(tf.math.mul(target, logProbabilities), tf.constant(-1)));
    }

    /**
     * TensorFlow's fused {@code SoftmaxCrossEntropyWithLogits}, as Keras 3 calls it: the same value as
     * {@code -sum(y * log_softmax(logits))}, and the op's own gradient {@code softmax(logits) - y}, which Keras trains
     * with even for targets that do not sum to one (the exact derivative would be {@code sum(y) softmax - y}). The op
     * takes matrices: other ranks go through {@code [-1, classes]} and back.
     */
    private static Operand<TFloat32> fromLogits(Ops tf, Operand<TFloat32> target, Operand<TFloat32> logits) {
        int rank = logits.shape().numDimensions();
        if (rank == 2) {
            return tf.nn.softmaxCrossEntropyWithLogits(logits, target).loss();
        }
        Operand<org.tensorflow.types.TInt32> classes = tf.gather(tf.shape(logits), tf.constant(rank - 1), tf.constant(0));
        Operand<org.tensorflow.types.TInt32> rows = tf.stack(java.util.List.of(tf.constant(-1), classes));
        Operand<TFloat32> loss = tf.nn.softmaxCrossEntropyWithLogits(tf.reshape(logits, rows), tf.reshape(target, rows)).loss();
        Operand<org.tensorflow.types.TInt32> shape = tf.shape(logits);
        return tf.reshape(loss, tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1})));
    }
}
