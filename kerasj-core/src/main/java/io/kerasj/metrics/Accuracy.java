package io.kerasj.metrics;

import io.kerasj.losses.Loss;
import io.kerasj.losses.SparseCategoricalCrossentropy;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/** Keras's accuracy metrics (mean metrics): 1 for a sample predicted right, 0 otherwise. */
public final class Accuracy {
    private Accuracy() {
    }

    /** Keras's {@code sparse_categorical_accuracy}: {@code argmax(y_pred) == y_true} for class-index targets. */
    public static final class SparseCategorical extends MeanMetric {
        /** Named {@code sparse_categorical_accuracy}. */
        public SparseCategorical() {
            this("sparse_categorical_accuracy");
        }

        /** @param name the name the History shows */
        public SparseCategorical(String name) {
            super(name);
        }

        @Override
        public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
            Operand<TInt32> predicted = tf.math.argMax(yPred.output(), tf.constant(-1), TInt32.class);
            return tf.dtypes.cast(tf.math.equal(predicted, SparseCategoricalCrossentropy.classIndices(tf, yTrue)), TFloat32.class);
        }
    }

    /** Keras's {@code categorical_accuracy}: {@code argmax(y_pred) == argmax(y_true)} for one-hot targets. */
    public static final class Categorical extends MeanMetric {
        /** Named {@code categorical_accuracy}. */
        public Categorical() {
            this("categorical_accuracy");
        }

        /** @param name the name the History shows */
        public Categorical(String name) {
            super(name);
        }

        @Override
        public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
            Operand<TInt32> predicted = tf.math.argMax(yPred.output(), tf.constant(-1), TInt32.class);
            Operand<TInt32> expected = tf.math.argMax(Loss.floats(tf, yTrue), tf.constant(-1), TInt32.class);
            return tf.dtypes.cast(tf.math.equal(predicted, expected), TFloat32.class);
        }
    }

    /** Keras's {@code binary_accuracy}: {@code (y_pred > threshold) == y_true}, averaged over the last axis. */
    public static final class Binary extends MeanMetric {
        private final double threshold;

        /** Named {@code binary_accuracy}, threshold 0.5. */
        public Binary() {
            this("binary_accuracy");
        }

        /** @param name the name the History shows; threshold 0.5 */
        public Binary(String name) {
            this(name, 0.5);
        }

        /**
         * @param name the name the History shows
         * @param threshold a prediction above it counts as 1 (Keras default 0.5)
         */
        public Binary(String name, double threshold) {
            super(name);
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold: expected a finite number, found " + threshold);
            }
            this.threshold = threshold;
        }

        /** @return a prediction above it counts as 1 */
        public double threshold() {
            return threshold;
        }

        @Override
        public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
            Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.greater(yPred.output(), tf.constant((float) threshold)), TFloat32.class);
            Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(predicted, Loss.floats(tf, yTrue)), TFloat32.class);
            return tf.math.mean(hits, tf.constant(-1));
        }
    }

    /**
     * Keras's {@code top_k_categorical_accuracy}: 1 when {@code argmax(y_true)} is among the {@code k} largest
     * predictions (TensorFlow's {@code in_top_k}: ties at the boundary count as in), for one-hot targets.
     */
    public static final class TopKCategorical extends TopK {
        /** Named {@code top_k_categorical_accuracy}, k = 5. */
        public TopKCategorical() {
            this("top_k_categorical_accuracy", 5);
        }

        /**
         * @param name the name the History shows
         * @param k how many of the largest predictions count (Keras default 5)
         */
        public TopKCategorical(String name, int k) {
            super(name, k);
        }

        @Override
        Operand<TInt32> expectedClasses(Ops tf, Operand<? extends TNumber> yTrue) {
            return tf.math.argMax(Loss.floats(tf, yTrue), tf.constant(-1), TInt32.class);
        }
    }

    /**
     * Keras's {@code sparse_top_k_categorical_accuracy}: 1 when the class index is among the {@code k} largest
     * predictions (TensorFlow's {@code in_top_k}).
     */
    public static final class SparseTopKCategorical extends TopK {
        /** Named {@code sparse_top_k_categorical_accuracy}, k = 5. */
        public SparseTopKCategorical() {
            this("sparse_top_k_categorical_accuracy", 5);
        }

        /**
         * @param name the name the History shows
         * @param k how many of the largest predictions count (Keras default 5)
         */
        public SparseTopKCategorical(String name, int k) {
            super(name, k);
        }

        @Override
        Operand<TInt32> expectedClasses(Ops tf, Operand<? extends TNumber> yTrue) {
            return SparseCategoricalCrossentropy.classIndices(tf, yTrue);
        }
    }

    /** The top-k accuracies: 1 when the expected class is among the {@code k} largest predictions. */
    abstract static class TopK extends MeanMetric {
        private final int k;

        TopK(String name, int k) {
            super(name);
            this.k = requirePositiveK(k);
        }

        /** @return how many of the largest predictions count */
        public int k() {
            return k;
        }

        /** @return the expected class of each target, as an index */
        abstract Operand<TInt32> expectedClasses(Ops tf, Operand<? extends TNumber> yTrue);

        @Override
        public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
            return inTopK(tf, yPred.output(), expectedClasses(tf, yTrue), k);
        }
    }

    private static int requirePositiveK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: expected a positive number of top predictions, found " + k);
        }
        return k;
    }

    /** {@code in_top_k} on the last axis, for outputs of any rank: one value per target, {@code [batch, ...]}. */
    private static Operand<TFloat32> inTopK(Ops tf, Operand<TFloat32> predictions, Operand<TInt32> targets, int k) {
        int rank = predictions.shape().numDimensions();
        Operand<TFloat32> rows = rank == 2 ? predictions
                : tf.reshape(predictions, tf.stack(java.util.List.of(tf.constant(-1), lastDimension(tf, predictions))));
        Operand<TInt32> flatTargets = targets.shape().numDimensions() == 1 ? targets : tf.reshape(targets, tf.constant(new int[] {-1}));
        Operand<TFloat32> hits = tf.dtypes.cast(tf.nn.inTopK(rows, flatTargets, tf.constant(k)), TFloat32.class);
        return rank == 2 ? hits : tf.reshape(hits, tf.shape(targets));
    }

    private static Operand<TInt32> lastDimension(Ops tf, Operand<TFloat32> x) {
        return tf.gather(tf.shape(x), tf.constant(-1 + x.shape().numDimensions()), tf.constant(0));
    }
}
