package io.kerasj.metrics;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * A metric of Keras's {@code MeanMetricWrapper} kind: a value per sample, computed in the graph ({@link #values}),
 * and their running mean: the state is one sum, the sample count comes with each update.
 */
public abstract class MeanMetric extends Metric {
    private double total;
    private long count;

    /** @param name the name the History shows, e.g. {@code accuracy} */
    protected MeanMetric(String name) {
        super(name);
    }

    /**
     * @param tf the graph's ops
     * @param yTrue the batch's targets, as the compiled loss takes them
     * @param yPred the model's output
     * @return one value per sample, {@code [batch]} (axes beyond the batch axis are averaged)
     */
    public abstract Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred);

    /** @return 1: the sum of the values */
    @Override
    public int stateSize(long[] outputShape) {
        return 1;
    }

    /** @return {@code [sum of the per-sample values]} */
    @Override
    public Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> sum = tf.reduceSum(perSample(tf, values(tf, yTrue, yPred)), tf.constant(0));
        return tf.reshape(sum, tf.constant(new int[] {1}));
    }

    @Override
    public void update(double[] sums, long samples) {
        requireSize(sums, 1, name());
        update(sums[0], samples);
    }

    /**
     * Adds samples (Keras's {@code update_state}).
     *
     * @param sum the sum of their values
     * @param samples how many samples
     */
    public void update(double sum, long samples) {
        total += sum;
        count += samples;
    }

    /** @return the mean value over the samples seen since the last reset, or 0 before any */
    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    /**
     * @param tf the graph's ops
     * @param values values of any rank from 1
     * @return {@code values} averaged over every axis but the batch axis (Keras's sample-wise reduction)
     */
    public static Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> values) {
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
