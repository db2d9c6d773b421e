package io.kerasj.metrics;

import io.kerasj.losses.Loss;

import io.kerasj.layers.LayerOutput;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code F1Score} ({@code FBetaScore} with beta 1) for {@code [batch, units]} outputs and targets shaped
 * like them: per unit (or over all, {@code micro}) the true positives, false positives, false negatives and
 * positive targets since the last reset, then {@code 2 p r / (p + r)} with Keras's 1e-7 guards. A prediction
 * counts as positive above {@code threshold}, or without one where it is its row's largest and not 0 (the argmax).
 * {@code average}: {@code null} (Keras's default: one score per unit, so here only for a one-unit output, as the
 * logs hold one number per metric), {@code micro}, {@code macro} or {@code weighted}.
 */
public final class F1Score extends Metric {
    private static final double EPSILON = 1e-7;
    private final String average;
    private final Double threshold;
    private double[] state = new double[0];

    /** Named {@code f1_score}, Keras's defaults: no averaging, no threshold (argmax). */
    public F1Score() {
        this("f1_score");
    }

    /** @param name the name the History shows; Keras's defaults otherwise */
    public F1Score(String name) {
        this(name, null, null);
    }

    /**
     * @param name the name the History shows
     * @param average null, {@code micro}, {@code macro} or {@code weighted} (Keras's {@code average})
     * @param threshold in (0, 1], or null for the argmax (Keras's {@code threshold})
     */
    public F1Score(String name, String average, Double threshold) {
        super(name);
        if (average != null && !List.of("micro", "macro", "weighted").contains(average)) {
            throw new IllegalArgumentException("average: expected one of null, micro, macro, weighted, found '" + average + "'");
        }
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: expected 0 < threshold <= 1, found " + threshold);
        }
        this.average = average;
        this.threshold = threshold;
    }

    /** @return Keras's {@code average} */
    public String average() {
        return average;
    }

    /** @return Keras's {@code threshold}, or null */
    public Double threshold() {
        return threshold;
    }

    /** @return true positives, false positives, false negatives and positive targets: per unit, or 4 with micro */
    @Override
    public int stateSize(long[] outputShape) {
        long units = outputUnits(outputShape, name());
        if (average == null && units != 1) {
            throw new IllegalArgumentException(name() + ": average=None gives one score per unit, and the logs hold one number per "
                    + "metric; use average 'micro', 'macro' or 'weighted' for " + units + " units");
        }
        return 4 * Math.toIntExact("micro".equals(average) ? 1 : units);
    }

    @Override
    public Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> output = yPred.output();
        Operand<TFloat32> target = Loss.floats(tf, targetsLikeOutput(tf, yTrue, output, name()));
        Operand<TFloat32> predicted;
        if (threshold == null) {
            Operand<TFloat32> largest = tf.reduceMax(output, tf.constant(-1), ReduceMax.keepDims(true));
            predicted = tf.dtypes.cast(tf.math.logicalAnd(tf.math.greaterEqual(output, largest),
                    tf.math.greater(tf.math.abs(output), tf.constant(1e-9f))), TFloat32.class);
        } else {
            predicted = tf.dtypes.cast(tf.math.greater(output, tf.constant(threshold.floatValue())), TFloat32.class);
        }
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> tp = sum(tf, tf.math.mul(predicted, target));
        Operand<TFloat32> fp = sum(tf, tf.math.mul(predicted, tf.math.sub(one, target)));
        Operand<TFloat32> fn = sum(tf, tf.math.mul(tf.math.sub(one, predicted), target));
        Operand<TFloat32> weights = sum(tf, target);
        return tf.concat(List.of(tp, fp, fn, weights), tf.constant(0));
    }

    /** Over the batch axis (per unit), or over everything for {@code micro}; always a vector. */
    private Operand<TFloat32> sum(Ops tf, Operand<TFloat32> values) {
        if ("micro".equals(average)) {
            return tf.reshape(tf.reduceSum(values, tf.constant(new int[] {0, 1})), tf.constant(new int[] {1}));
        }
        return tf.reduceSum(values, tf.constant(0));
    }

    @Override
    public void update(double[] sums, long samples) {
        if (sums.length == 0 || sums.length % 4 != 0 || (state.length != 0 && state.length != sums.length)) {
            throw new IllegalArgumentException(name() + ": expected 4 sums per unit, found " + sums.length);
        }
        state = accumulate(state, sums);
    }

    @Override
    public void reset() {
        Arrays.fill(state, 0);
    }

    /** @return the score of each unit (one value with {@code micro}), before averaging */
    public double[] scores() {
        int units = state.length / 4;
        double[] scores = new double[units];
        for (int u = 0; u < units; u++) {
            double tp = state[u];
            double precision = tp / (tp + state[units + u] + EPSILON);
            double recall = tp / (tp + state[2 * units + u] + EPSILON);
            scores[u] = 2 * (precision * recall / (precision + recall + EPSILON));
        }
        return scores;
    }

    @Override
    public double result() {
        double[] scores = scores();
        if (scores.length == 0) {
            return 0;
        }
        if ("weighted".equals(average)) {
            int units = scores.length;
            double total = 0;
            for (int u = 0; u < units; u++) {
                total += state[3 * units + u];
            }
            double score = 0;
            for (int u = 0; u < units; u++) {
                score += scores[u] * (state[3 * units + u] / (total + EPSILON));
            }
            return score;
        }
        return Arrays.stream(scores).average().orElse(0);
    }
}
