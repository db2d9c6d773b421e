package io.kerasj.model;

import io.kerasj.train.SparseCategoricalCrossentropy;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The per-sample loss and the count of correct predictions, as Keras computes them for a batch. */
final class LossAndAccuracy {
    private LossAndAccuracy() {
    }

    /**
     * @return the per-sample loss: from the logits of a softmax output (Keras 2.6+, unclipped), from the output
     *     itself when the loss takes logits, else from clipped probabilities
     */
    static Operand<TFloat32> loss(Ops tf, SparseCategoricalCrossentropy loss, Forward forward, Operand<TInt32> labels) {
        if (loss.fromLogits()) {
            return loss.fromLogitsPerSample(tf, forward.output(), labels);
        }
        if (forward.logits() != null) {
            return loss.fromLogitsPerSample(tf, forward.logits(), labels);
        }
        return loss.fromProbabilitiesPerSample(tf, forward.output(), labels);
    }

    /** @return how many samples' argmax equals their label, as a float scalar */
    static Operand<TFloat32> correct(Ops tf, Operand<TFloat32> output, Operand<TInt32> labels) {
        Operand<TInt32> predicted = tf.math.argMax(output, tf.constant(1), TInt32.class);
        Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
        return tf.reduceSum(hits, tf.constant(0));
    }
}
