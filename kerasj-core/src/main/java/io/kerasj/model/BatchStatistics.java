package io.kerasj.model;

import io.kerasj.train.Metric;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The in-graph numbers of one batch: the per-sample loss, and the sum of each metric's per-sample values (the
 * Java-side {@link Metric} keeps the running mean).
 *
 * @param perSampleLoss the loss of each sample, {@code [batch]}
 * @param metricSums each metric's sum over the batch, in the compiled order
 */
record BatchStatistics(Operand<TFloat32> perSampleLoss, List<Operand<TFloat32>> metricSums) {

    static BatchStatistics of(Ops tf, CompileConfig config, Forward forward, Operand<? extends TNumber> targets) {
        Operand<TFloat32> loss = perSample(tf, config.loss().call(tf, targets, forward.prediction()));
        List<Operand<TFloat32>> sums = new ArrayList<>();
        for (Metric metric : config.metrics()) {
            sums.add(tf.reduceSum(perSample(tf, metric.values(tf, targets, forward.prediction())), tf.constant(0)));
        }
        return new BatchStatistics(loss, sums);
    }

    /** @return {@code values} averaged over every axis but the batch axis (Keras's sample-wise reduction) */
    static Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> values) {
        int rank = values.shape().numDimensions();
        if (rank == 1) {
            return values;
        }
        if (rank < 1) {
            Operand<TInt32> axes = tf.range(tf.constant(1), tf.rank(values), tf.constant(1));
            return tf.math.mean(values, axes);
        }
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return tf.math.mean(values, tf.constant(axes));
    }
}
