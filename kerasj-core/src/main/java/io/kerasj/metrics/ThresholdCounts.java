package io.kerasj.metrics;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The state of Keras's {@code Precision} and {@code Recall}: true/false positives and negatives at one threshold,
 * over every output element (or only unit {@code class_id}'s).
 */
abstract class ThresholdCounts extends Metric {
    private final double threshold;
    private final Integer classId;
    private final double[] counts = new double[4];

    ThresholdCounts(String name, double threshold, Integer classId) {
        super(name);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("thresholds: expected a finite number, found " + threshold);
        }
        if (classId != null && classId < 0) {
            throw new IllegalArgumentException("class_id: expected an output unit >= 0, found " + classId);
        }
        this.threshold = threshold;
        this.classId = classId;
    }

    /** @return the threshold (Keras's {@code thresholds}, default 0.5) */
    public double threshold() {
        return threshold;
    }

    /** @return the output unit counted, or null for all (Keras's {@code class_id}) */
    public Integer classId() {
        return classId;
    }

    @Override
    public int stateSize(long[] outputShape) {
        long units = outputShape.length == 0 ? 1 : outputShape[outputShape.length - 1];
        if (classId != null && classId >= units) {
            throw new IllegalArgumentException(name() + ": class_id " + classId + " is not an output unit (the output has "
                    + units + ")");
        }
        return 4;
    }

    @Override
    public Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<? extends TNumber> targets = targetsLikeOutput(tf, yTrue, yPred.output(), name());
        Operand<TFloat32> labels = ConfusionCounts.positives(tf, targets);
        Operand<TFloat32> predictions = yPred.output();
        if (classId != null) {
            labels = unit(tf, labels);
            predictions = unit(tf, predictions);
        }
        return ConfusionCounts.atThreshold(tf, ConfusionCounts.flat(tf, labels), ConfusionCounts.flat(tf, predictions), (float) threshold);
    }

    private Operand<TFloat32> unit(Ops tf, Operand<TFloat32> values) {
        return tf.gather(values, tf.constant(classId), tf.constant(-1));
    }

    @Override
    public void update(double[] sums, long samples) {
        requireSize(sums, 4, name());
        for (int i = 0; i < 4; i++) {
            counts[i] += sums[i];
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(counts, 0);
    }

    /** @return true positives since the last reset */
    double truePositives() {
        return counts[0];
    }

    /** @return false positives since the last reset */
    double falsePositives() {
        return counts[1];
    }

    /** @return false negatives since the last reset */
    double falseNegatives() {
        return counts[3];
    }
}
