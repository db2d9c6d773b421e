package io.kerasj.metrics;

/**
 * Keras's {@code Recall} metric: {@code true positives / (true positives + false negatives)} over everything seen since the last reset, a
 * prediction above the threshold (default 0.5) counting as positive and a target other than 0 as true; 0 while
 * the denominator is 0. Every output element counts, or only output unit {@code class_id}'s.
 */
public final class Recall extends ThresholdCounts {

    /** Named {@code recall}, threshold 0.5, every unit, as Keras. */
    public Recall() {
        this("recall");
    }

    /** @param name the name the History shows; threshold 0.5, every unit */
    public Recall(String name) {
        this(name, 0.5, null);
    }

    /**
     * @param name the name the History shows
     * @param thresholds a prediction above it counts as positive (Keras's {@code thresholds}, one value)
     * @param classId the only output unit counted, or null for all (Keras's {@code class_id})
     */
    public Recall(String name, double thresholds, Integer classId) {
        super(name, thresholds, classId);
    }

    @Override
    public double result() {
        return ConfusionCounts.divideNoNan(truePositives(), truePositives() + falseNegatives());
    }
}
