package io.kerasj.metrics;

import io.kerasj.losses.Loss;

import io.kerasj.layers.LayerOutput;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code R2Score} (coefficient of determination) for {@code [batch, units]} outputs: per unit, from the
 * sums of the targets, their squares and the squared residuals since the last reset,
 * {@code 1 - residual / (sum(y²) - sum(y)²/n)} (0 where that is infinite), averaged over the units as
 * {@code class_aggregation} says: {@code uniform_average} (default) or {@code variance_weighted_average}.
 * With {@code num_regressors} p > 0 the adjusted score {@code 1 - (1 - r2)(n - 1)/(n - p - 1)}, n counting every
 * target value, where {@code p < n - 1}.
 */
public final class R2Score extends Metric {
    private final String classAggregation;
    private final int numRegressors;
    private double[] state = new double[0];

    /** Named {@code r2_score}, Keras's defaults: uniform average, no regressors. */
    public R2Score() {
        this("r2_score");
    }

    /** @param name the name the History shows; Keras's defaults otherwise */
    public R2Score(String name) {
        this(name, "uniform_average", 0);
    }

    /**
     * @param name the name the History shows
     * @param classAggregation {@code uniform_average} or {@code variance_weighted_average}
     * @param numRegressors the number of independent regressors for the adjusted score (0: plain R²)
     */
    public R2Score(String name, String classAggregation, int numRegressors) {
        super(name);
        if (!List.of("uniform_average", "variance_weighted_average").contains(classAggregation)) {
            throw new IllegalArgumentException("class_aggregation: expected uniform_average or variance_weighted_average "
                    + "(None would give one score per unit, more than the logs hold), found '" + classAggregation + "'");
        }
        if (numRegressors < 0) {
            throw new IllegalArgumentException("num_regressors: expected a value >= 0, found " + numRegressors);
        }
        this.classAggregation = classAggregation;
        this.numRegressors = numRegressors;
    }

    /** @return Keras's {@code class_aggregation} */
    public String classAggregation() {
        return classAggregation;
    }

    /** @return Keras's {@code num_regressors} */
    public int numRegressors() {
        return numRegressors;
    }

    /** @return per unit: sum, squared sum, residual, count; then the number of target values */
    @Override
    public int stateSize(long[] outputShape) {
        long units = outputUnits(outputShape, name());
        return 4 * Math.toIntExact(units) + 1;
    }

    @Override
    public Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> output = yPred.output();
        Operand<TFloat32> target = Loss.floats(tf, targetsLikeOutput(tf, yTrue, output, name()));
        Operand<org.tensorflow.types.TInt32> batchAxis = tf.constant(0);
        Operand<TFloat32> sum = tf.reduceSum(target, batchAxis);
        Operand<TFloat32> squared = tf.reduceSum(tf.math.mul(target, target), batchAxis);
        Operand<TFloat32> residual = tf.reduceSum(tf.math.square(tf.math.sub(target, output)), batchAxis);
        Operand<TFloat32> count = tf.reduceSum(tf.onesLike(target), batchAxis);
        Operand<TFloat32> values = tf.reshape(tf.dtypes.cast(tf.size(target), TFloat32.class), tf.constant(new int[] {1}));
        return tf.concat(List.of(sum, squared, residual, count, values), tf.constant(0));
    }

    @Override
    public void update(double[] sums, long samples) {
        if (sums.length % 4 != 1 || (state.length != 0 && state.length != sums.length)) {
            throw new IllegalArgumentException(name() + ": expected 4 sums per unit and one count, found " + sums.length);
        }
        state = accumulate(state, sums);
    }

    @Override
    public void reset() {
        Arrays.fill(state, 0);
    }

    @Override
    public double result() {
        int units = state.length / 4;
        if (units == 0) {
            return 0;
        }
        double weighted = 0;
        double weights = 0;
        double uniform = 0;
        for (int u = 0; u < units; u++) {
            double sum = state[u];
            double mean = sum / state[3 * units + u];
            double total = state[units + u] - sum * mean;
            double raw = 1 - state[2 * units + u] / total;
            if (Double.isInfinite(raw)) {
                raw = 0;
            }
            uniform += raw;
            weighted += total * raw;
            weights += total;
        }
        double r2 = classAggregation.equals("uniform_average") ? uniform / units : weighted / weights;
        double n = state[4 * units];
        if (numRegressors != 0 && numRegressors < n - 1) {
            r2 = 1 - (1 - r2) * (n - 1) / (n - numRegressors - 1);
        }
        return r2;
    }
}
