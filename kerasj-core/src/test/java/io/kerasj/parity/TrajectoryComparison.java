package io.kerasj.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far two training runs from the same start are apart, in the figures the trajectory tests bound:
 *
 * <ul>
 *   <li>{@code sharp}: after the first 10 steps, |w_a - w_b| / |w_b - w_0| (all weights as one vector, L2);</li>
 *   <li>{@code slope}: |s - 1| for the least-squares slope s of a's 10-step displacement against b's, which a
 *       systematic error in step size moves;</li>
 *   <li>{@code weights}: the same relative distance after the last epoch;</li>
 *   <li>{@code loss}: the largest relative difference of a per-epoch loss;</li>
 *   <li>{@code outputs}: the largest |difference| of the final model's outputs on the 10,000 test images.</li>
 * </ul>
 */
record TrajectoryComparison(double sharp, double slope, double weights, double loss, double outputs) {

    /** @return how far run a is from run b, both started from {@code initial} */
    static TrajectoryComparison of(JavaTrajectory.Run a, JavaTrajectory.Run b, List<float[]> initial) {
        double[] w0 = flat(initial);
        double[] a10 = flat(a.w10());
        double[] b10 = flat(b.w10());
        double[] aLast = flat(a.last());
        double[] bLast = flat(b.last());
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < w0.length; i++) {
            dot += (a10[i] - w0[i]) * (b10[i] - w0[i]);
            norm += (b10[i] - w0[i]) * (b10[i] - w0[i]);
        }
        double loss = 0;
        for (int e = 0; e < b.loss().length; e++) {
            loss = Math.max(loss, Math.abs(a.loss()[e] - b.loss()[e]) / Math.abs(b.loss()[e]));
        }
        double outputs = 0;
        for (int i = 0; i < b.testOutputs().length; i++) {
            outputs = Math.max(outputs, Math.abs(a.testOutputs()[i] - b.testOutputs()[i]));
        }
        return new TrajectoryComparison(distance(a10, b10) / distance(b10, w0), Math.abs(dot / norm - 1),
                distance(aLast, bLast) / distance(bLast, w0), loss, outputs);
    }

    /** @return the larger of each figure */
    TrajectoryComparison max(TrajectoryComparison o) {
        return new TrajectoryComparison(Math.max(sharp, o.sharp), Math.max(slope, o.slope), Math.max(weights, o.weights),
                Math.max(loss, o.loss), Math.max(outputs, o.outputs));
    }

    /** @return each figure times k */
    TrajectoryComparison times(double k) {
        return new TrajectoryComparison(k * sharp, k * slope, k * weights, k * loss, k * outputs);
    }

    /** @return the figures above the tolerance's, named, or an empty list */
    List<String> exceeding(TrajectoryComparison tolerance) {
        List<String> over = new ArrayList<>();
        check(over, "sharp (10-step relative distance)", sharp, tolerance.sharp);
        check(over, "slope of the 10-step displacement", slope, tolerance.slope);
        check(over, "final weights' relative distance", weights, tolerance.weights);
        check(over, "per-epoch loss, relative", loss, tolerance.loss);
        check(over, "test outputs max|d|", outputs, tolerance.outputs);
        return over;
    }

    private static void check(List<String> over, String name, double value, double limit) {
        if (!(value <= limit)) {
            over.add(String.format(Locale.ROOT, "%s %.3g > %.3g", name, value, limit));
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sharp %.2e, slope %.2e, weights %.2e, loss %.2e, outputs %.2e", sharp, slope, weights, loss, outputs);
    }

    private static double[] flat(List<float[]> weights) {
        int n = weights.stream().mapToInt(w -> w.length).sum();
        double[] all = new double[n];
        int at = 0;
        for (float[] w : weights) {
            for (float v : w) {
                all[at++] = v;
            }
        }
        return all;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
