package io.kerasj.metrics;

import io.kerasj.layers.LayerOutput;
import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code AUC} metric (single label): the area under the ROC or precision-recall curve, from the
 * confusion-matrix counts at {@code num_thresholds} evenly spread thresholds accumulated since the last reset
 * (every output element counts; a target other than 0 is positive). Keras's Riemann sums: {@code interpolation}
 * (trapezoids; for PR the Davis & Goadrich interpolation), {@code minoring} or {@code majoring}. Not supported:
 * explicit {@code thresholds}, {@code multi_label}, {@code label_weights}.
 */
public final class AUC extends Metric {
    private final int numThresholds;
    private final String curve;
    private final String summationMethod;
    private final boolean fromLogits;
    private double[] counts = new double[0];

    /** Named {@code auc}, with Keras's defaults: 200 thresholds, ROC, interpolation, probabilities. */
    public AUC() {
        this("auc");
    }

    /** @param name the name the History shows; Keras's defaults otherwise */
    public AUC(String name) {
        this(name, 200, "ROC", "interpolation", false);
    }

    /**
     * @param name the name the History shows
     * @param numThresholds the number of thresholds (Keras's {@code num_thresholds}, default 200; > 1)
     * @param curve {@code ROC} (default) or {@code PR}, in any case
     * @param summationMethod {@code interpolation} (default), {@code minoring} or {@code majoring}, in any case
     * @param fromLogits true when the output is logits (a sigmoid is applied first)
     */
    public AUC(String name, int numThresholds, String curve, String summationMethod, boolean fromLogits) {
        super(name);
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("num_thresholds: expected an integer > 1, found " + numThresholds);
        }
        this.numThresholds = numThresholds;
        this.curve = oneOf("curve", curve, "ROC", "PR");
        this.summationMethod = oneOf("summation_method", summationMethod, "interpolation", "minoring", "majoring");
        this.fromLogits = fromLogits;
    }

    private static String oneOf(String argument, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException(argument + ": expected one of " + String.join(", ", allowed) + ", found '" + value + "'");
    }

    /** @return Keras's {@code num_thresholds} */
    public int numThresholds() {
        return numThresholds;
    }

    /** @return {@code ROC} or {@code PR} */
    public String curve() {
        return curve;
    }

    /** @return {@code interpolation}, {@code minoring} or {@code majoring} */
    public String summationMethod() {
        return summationMethod;
    }

    /** @return Keras's {@code from_logits} */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** @return tp, fp, tn, fn at each threshold */
    @Override
    public int stateSize(long[] outputShape) {
        return 4 * numThresholds;
    }

    @Override
    public Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<? extends TNumber> targets = targetsLikeOutput(tf, yTrue, yPred.output(), name());
        Operand<TFloat32> predictions = fromLogits ? tf.math.sigmoid(yPred.output()) : yPred.output();
        return ConfusionCounts.evenlySpread(tf, ConfusionCounts.flat(tf, ConfusionCounts.positives(tf, targets)),
                ConfusionCounts.flat(tf, predictions), numThresholds);
    }

    @Override
    public void update(double[] sums, long samples) {
        requireSize(sums, 4 * numThresholds, name());
        counts = accumulate(counts, sums);
    }

    @Override
    public void reset() {
        Arrays.fill(counts, 0);
    }

    @Override
    public double result() {
        int n = numThresholds;
        double[] tp = part(0);
        double[] fp = part(1);
        double[] tn = part(2);
        double[] fn = part(3);
        if (curve.equals("PR") && summationMethod.equals("interpolation")) {
            return interpolatedPrAuc(tp, fp, fn);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double recall = ConfusionCounts.divideNoNan(tp[i], tp[i] + fn[i]);
            if (curve.equals("ROC")) {
                x[i] = ConfusionCounts.divideNoNan(fp[i], fp[i] + tn[i]);
                y[i] = recall;
            } else {
                x[i] = recall;
                y[i] = ConfusionCounts.divideNoNan(tp[i], tp[i] + fp[i]);
            }
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            double height = switch (summationMethod) {
                case "interpolation" -> (y[i] + y[i + 1]) / 2;
                case "minoring" -> Math.min(y[i], y[i + 1]);
                default -> Math.max(y[i], y[i + 1]);
            };
            area += (x[i] - x[i + 1]) * height;
        }
        return area;
    }

    /** Keras's {@code interpolate_pr_auc} (Davis & Goadrich 2006, with Keras's closed form). */
    private double interpolatedPrAuc(double[] tp, double[] fp, double[] fn) {
        double area = 0;
        for (int i = 0; i < numThresholds - 1; i++) {
            double dtp = tp[i] - tp[i + 1];
            double pA = tp[i] + fp[i];
            double pB = tp[i + 1] + fp[i + 1];
            double slope = ConfusionCounts.divideNoNan(dtp, Math.max(pA - pB, 0));
            double intercept = tp[i + 1] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? ConfusionCounts.divideNoNan(pA, Math.max(pB, 0)) : 1;
            area += ConfusionCounts.divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[i + 1] + fn[i + 1], 0));
        }
        return area;
    }

    private double[] part(int index) {
        if (counts.length == 0) {
            return new double[numThresholds];
        }
        return Arrays.copyOfRange(counts, index * numThresholds, (index + 1) * numThresholds);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AUC(%s, num_thresholds=%d, curve=%s, summation_method=%s)", name(), numThresholds, curve,
                summationMethod);
    }
}
