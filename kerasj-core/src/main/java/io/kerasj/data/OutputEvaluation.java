package io.kerasj.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy and loss accumulated batch by batch, for any output width:
 * <ul>
 *   <li>C &gt; 1 outputs: labels must lie in [0, C); accuracy from the argmax; the cross-entropy
 *       {@code -log p[label]} (unclipped, as Keras computes it from a softmax's logits) only when every row is a
 *       probability distribution (non-negative, summing to 1 within 1e-3);</li>
 *   <li>one output: labels must be 0 or 1; when every output lies in [0, 1] it is a sigmoid probability: accuracy
 *       at 0.5 and the binary cross-entropy (clipped to [1e-7, 1 - 1e-7] as Keras does); otherwise it is a logit:
 *       accuracy at 0, no loss.</li>
 * </ul>
 * When the labels fall outside the outputs' range, no accuracy is given, and the report says why.
 */
public final class OutputEvaluation {
    private static final double EPSILON = 1e-7;
    private long images;
    private long correct;
    private double loss;
    private boolean probabilities = true;
    private int width = -1;
    private int maxLabel = -1;
    private int minLabel = Integer.MAX_VALUE;
    private int firstPredicted = -1;
    private boolean allSame = true;

    /** An empty evaluation; add batches with {@link #add}. */
    public OutputEvaluation() {
    }

    /**
     * @param rows one output row per sample
     * @param labels the samples' labels
     */
    public void add(float[][] rows, int[] labels) {
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (width < 0) {
                width = row.length;
            }
            int label = labels[i];
            maxLabel = Math.max(maxLabel, label);
            minLabel = Math.min(minLabel, label);
            images++;
            int predicted;
            if (width == 1) {
                float p = row[0];
                boolean isProbability = p >= 0 && p <= 1;
                probabilities &= isProbability;
                predicted = (isProbability ? p > 0.5 : p > 0) ? 1 : 0;
                double q = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
                loss += label == 1 ? -Math.log(q) : -Math.log(1 - q);
            } else {
                predicted = argmax(row);
                probabilities &= isDistribution(row);
                if (label >= 0 && label < row.length) {
                    loss += -Math.log(row[label]);
                }
            }
            if (firstPredicted < 0) {
                firstPredicted = predicted;
            }
            allSame &= predicted == firstPredicted;
            correct += predicted == label ? 1 : 0;
        }
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static boolean isDistribution(float[] row) {
        double sum = 0;
        for (float v : row) {
            if (!(v >= 0)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - 1) <= 1e-3;
    }

    /** @return the report: images, accuracy and loss (null when not defined), outputs_are_probabilities, note */
    public Map<String, Object> report() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("images", images);
        int classes = width == 1 ? 2 : width;
        boolean inRange = images > 0 && minLabel >= 0 && maxLabel < classes;
        e.put("accuracy", inRange ? correct / (double) images : null);
        e.put("outputs_are_probabilities", probabilities);
        e.put("loss", inRange && probabilities ? loss / images : null);
        String note = null;
        if (images == 0) {
            note = "no samples";
        } else if (!inRange) {
            note = width == 1
                    ? "the model has one output (a binary classifier) but the labels range over [" + minLabel + ", " + maxLabel + "]: no accuracy"
                    : "the labels range over [" + minLabel + ", " + maxLabel + "] but the model outputs " + width + " values: no accuracy";
        } else if (!probabilities) {
            note = width == 1 ? "the output is not in [0, 1] (a logit): accuracy at 0, no loss"
                    : "the outputs are not probabilities (logits?): accuracy from the largest, no loss";
        } else if (allSame && images > 1) {
            note = "every sample is predicted as class " + firstPredicted + ": check --scale";
        }
        e.put("note", note);
        return e;
    }
}
