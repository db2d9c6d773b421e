package io.kerasj.metrics;

import io.kerasj.losses.Loss;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code update_confusion_matrix_variables} in the graph: true/false positives and negatives of a batch
 * at thresholds, every element of the output counted (not multi-label), a target counting as positive when it is
 * not 0 and a prediction when it is above the threshold.
 */
final class ConfusionCounts {
    private ConfusionCounts() {
    }

    /** @return the values flattened to one axis */
    static Operand<TFloat32> flat(Ops tf, Operand<TFloat32> values) {
        return tf.reshape(values, tf.constant(new int[] {-1}));
    }

    /** @return 1 where a target is not 0, else 0, as floats */
    static Operand<TFloat32> positives(Ops tf, Operand<? extends TNumber> yTrue) {
        return tf.dtypes.cast(tf.dtypes.cast(Loss.floats(tf, yTrue), TBool.class), TFloat32.class);
    }

    /**
     * Counts at one threshold, Keras's direct comparison {@code y_pred > threshold}.
     *
     * @param tf the graph's ops
     * @param labels 1 for a positive target, else 0, flat
     * @param predictions the predictions, flat
     * @param threshold a prediction above it is positive
     * @return {@code [true positives, false positives, true negatives, false negatives]}
     */
    static Operand<TFloat32> atThreshold(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> predictions, float threshold) {
        Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.greater(predictions, tf.constant(threshold)), TFloat32.class);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> notPredicted = tf.math.sub(one, predicted);
        Operand<TFloat32> negatives = tf.math.sub(one, labels);
        Operand<TInt32> axis = tf.constant(0);
        return tf.stack(List.of(tf.reduceSum(tf.math.mul(labels, predicted), axis), tf.reduceSum(tf.math.mul(negatives, predicted), axis),
                tf.reduceSum(tf.math.mul(negatives, notPredicted), axis), tf.reduceSum(tf.math.mul(labels, notPredicted), axis)));
    }

    /**
     * Counts at {@code n} evenly spread thresholds {@code [-1e-7, 1/(n-1), ..., 1 + 1e-7]}, as Keras's
     * {@code _update_confusion_matrix_variables_optimized} computes them: predictions clipped to [0, 1] fall in
     * bucket {@code max(ceil(p (n - 1)) - 1, 0)}, and a threshold counts the buckets from its own up.
     *
     * @param tf the graph's ops
     * @param labels 1 for a positive target, else 0, flat
     * @param predictions the predictions, flat
     * @param n the number of thresholds
     * @return {@code [tp (n), fp (n), tn (n), fn (n)]}, flat
     */
    static Operand<TFloat32> evenlySpread(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> predictions, int n) {
        Operand<TFloat32> p = tf.clipByValue(predictions, tf.constant(0f), tf.constant(1f));
        Operand<TFloat32> buckets = tf.nn.relu(tf.math.sub(tf.math.ceil(tf.math.mul(p, tf.constant((float) (n - 1)))), tf.constant(1f)));
        Operand<TInt32> ids = tf.dtypes.cast(buckets, TInt32.class);
        Operand<TFloat32> negatives = tf.math.sub(tf.constant(1f), labels);
        Operand<TFloat32> tp = fromBucketsUp(tf, tf.math.unsortedSegmentSum(labels, ids, tf.constant(n)));
        Operand<TFloat32> fp = fromBucketsUp(tf, tf.math.unsortedSegmentSum(negatives, ids, tf.constant(n)));
        Operand<TFloat32> tn = tf.math.sub(tf.reduceSum(negatives, tf.constant(0)), fp);
        Operand<TFloat32> fn = tf.math.sub(tf.reduceSum(labels, tf.constant(0)), tp);
        return tf.concat(List.of(tp, fp, tn, fn), tf.constant(0));
    }

    private static Operand<TFloat32> fromBucketsUp(Ops tf, Operand<TFloat32> buckets) {
        return tf.math.cumsum(buckets, tf.constant(0), Cumsum.reverse(true));
    }

    /** @return {@code a / b}, 0 where {@code b} is 0 (Keras's {@code divide_no_nan}) */
    static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
