package io.kerasj.train;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/** Keras's accuracy metrics: 1 for a sample predicted right, 0 otherwise. */
public final class Accuracy {
    private Accuracy() {
    }

    /** Keras's {@code sparse_categorical_accuracy}: {@code argmax(y_pred) == y_true} for class-index targets. */
    public static final class SparseCategorical extends Metric {
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
    public static final class Categorical extends Metric {
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

    /** Keras's {@code binary_accuracy}: {@code (y_pred > 0.5) == y_true}, averaged over the last axis. */
    public static final class Binary extends Metric {
        /** Named {@code binary_accuracy}. */
        public Binary() {
            this("binary_accuracy");
        }

        /** @param name the name the History shows */
        public Binary(String name) {
            super(name);
        }

        @Override
        public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
            Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.greater(yPred.output(), tf.constant(0.5f)), TFloat32.class);
            Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(predicted, Loss.floats(tf, yTrue)), TFloat32.class);
            return tf.math.mean(hits, tf.constant(-1));
        }
    }
}
