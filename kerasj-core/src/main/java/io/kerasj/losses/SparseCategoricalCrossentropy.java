package io.kerasj.losses;

import io.kerasj.activations.Activation;
import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code sparse_categorical_crossentropy}: class-index targets, one loss value per sample.
 *
 * <p>For a softmax output Keras (2.6+) computes the loss from the logits behind the softmax, unclipped; so does
 * this class when the model hands it the logits; for a sigmoid output Keras 3 takes the values behind the sigmoid
 * as softmax logits, and so does KerasJ. Only an output that is neither logits nor a softmax or sigmoid is taken
 * through {@code log(clip(p, 1e-7, 1 - 1e-7))}, as Keras does.
 *
 * @param fromLogits true when the model's output is logits rather than probabilities
 */
public record SparseCategoricalCrossentropy(boolean fromLogits) implements Loss {

    /** Keras's default: the output is probabilities. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public boolean takesClassIndices() {
        return true;
    }

    /**
     * @param tf the graph's ops
     * @param yTrue {@code [batch]} class indices, integer or float
     * @param yPred the model's output and logits
     * @return {@code [batch]} losses
     */
    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TInt32> labels = classIndices(tf, yTrue);
        if (fromLogits) {
            return fromLogitsPerSample(tf, yPred.output(), labels);
        }
        Operand<TFloat32> logits = yPred.logits();
        return logits != null ? fromLogitsPerSample(tf, logits, labels) : fromProbabilitiesPerSample(tf, yPred.output(), labels);
    }

    @SuppressWarnings("unchecked")
    public static Operand<TInt32> classIndices(Ops tf, Operand<? extends TNumber> yTrue) {
        return yTrue.type() == TInt32.class ? (Operand<TInt32>) yTrue : tf.dtypes.cast(yTrue, TInt32.class);
    }

    /**
     * The loss from logits: {@code -log_softmax(logits)[label]}, built from ops whose gradients the native
     * runtime has (LogSoftmax, OneHot, Mul, Sum), so it trains inside the in-graph loop. The fused
     * {@code SparseSoftmaxCrossEntropyWithLogits} op lacks a native gradient, and a Java-registered one recursed
     * without end from the second graph of a process on TF Java 1.1.0.
     *
     * @param tf the graph's ops
     * @param logits {@code [batch, classes]}
     * @param labels {@code [batch]} class indices
     * @return {@code [batch]} losses
     */
    public Operand<TFloat32> fromLogitsPerSample(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TInt32> classes = tf.gather(tf.shape(logits), tf.constant(1), tf.constant(0));
        Operand<TFloat32> oneHot = tf.oneHot(labels, classes, tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> picked = tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1));
        return tf.math.neg(picked);
    }

    /**
     * The loss from probabilities that did not come from a softmax this model can see through: Keras clips them
     * to [1e-7, 1 - 1e-7] and takes their log as logits.
     *
     * @param tf the graph's ops
     * @param probabilities {@code [batch, classes]}
     * @param labels {@code [batch]} class indices
     * @return {@code [batch]} losses
     */
    public Operand<TFloat32> fromProbabilitiesPerSample(Ops tf, Operand<TFloat32> probabilities, Operand<TInt32> labels) {
        float epsilon = 1e-7f;
        Operand<TFloat32> clipped = tf.clipByValue(probabilities, tf.constant(epsilon), tf.constant(1f - epsilon));
        return fromLogitsPerSample(tf, tf.math.log(clipped), labels);
    }

    /**
     * @param name a Keras loss name
     * @return the loss
     * @throws IllegalArgumentException for a loss this library does not have
     */
    public static SparseCategoricalCrossentropy of(String name) {
        if (!"sparse_categorical_crossentropy".equals(name)) {
            throw new IllegalArgumentException("loss: expected 'sparse_categorical_crossentropy', found '" + name + "'");
        }
        return new SparseCategoricalCrossentropy(false);
    }
}
