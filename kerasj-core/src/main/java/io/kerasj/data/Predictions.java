package io.kerasj.data;

import java.util.List;

/** What the notebook does with {@code predict}'s output: the most probable class of each row and its name. */
public final class Predictions {
    private Predictions() {
    }

    /**
     * NumPy's {@code argmax(axis=1)}: the first index of each row's largest value.
     *
     * @param rows model outputs
     * @return one class index per row
     */
    public static int[] argmax(float[][] rows) {
        int[] classes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int c = 1; c < rows[i].length; c++) {
                if (rows[i][c] > rows[i][best]) {
                    best = c;
                }
            }
            classes[i] = best;
        }
        return classes;
    }

    /**
     * @param classes class indices
     * @param names the class names, by index
     * @return the name of each class
     */
    public static String[] names(int[] classes, List<String> names) {
        String[] result = new String[classes.length];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= names.size()) {
                throw new IllegalArgumentException("classes[" + i + "]: expected an index in [0, " + names.size() + "), found " + classes[i]);
            }
            result[i] = names.get(classes[i]);
        }
        return result;
    }

    /**
     * @param rows model outputs
     * @param labels the true classes
     * @return the fraction of rows whose argmax equals the label
     */
    public static double accuracy(float[][] rows, int[] labels) {
        int[] predicted = argmax(rows);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /**
     * Keras's sparse categorical cross-entropy of probabilities, unclipped: the mean of {@code -log p[label]}.
     *
     * @param probabilities rows of probabilities
     * @param labels the true classes
     * @return the mean loss
     */
    public static double crossEntropy(float[][] probabilities, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(probabilities[i][labels[i]]);
        }
        return sum / labels.length;
    }

    /**
     * Whether rows look like probabilities: no negative (or NaN) value and each row summing to 1 within 1e-3.
     *
     * @param rows model outputs
     * @return true for probabilities, false for logits or other scores
     */
    public static boolean areProbabilities(float[][] rows) {
        for (float[] row : rows) {
            double sum = 0;
            for (float v : row) {
                if (!(v >= 0)) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }
}
