package io.kerasj.tuner;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a search optimizes: a metric of the fit's History and whether lower or higher is better, Keras Tuner's
 * {@code Objective}. A trial's score is the best value of the metric over its epochs.
 *
 * @param name the History key, e.g. {@code val_loss}
 * @param direction {@link Direction#MIN} or {@link Direction#MAX}
 */
public record Objective(String name, Direction direction) implements Serializable {
    /** Which way is better. */
    public enum Direction {
        /** Lower is better (losses, errors). */
        MIN,
        /** Higher is better (accuracy, AUC, precision, recall). */
        MAX;

        /** @return {@code "min"} or {@code "max"}, as Keras Tuner writes it */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** keras_tuner's {@code metrics_tracking._MAX_METRICS} and {@code _MAX_METRIC_FNS}, by Keras 3's metric names. */
    private static final Set<String> MAX_METRICS = Set.of("acc", "accuracy", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            "true_positives", "true_negatives", "precision", "recall", "auc", "sensitivity_at_specificity",
            "specificity_at_sensitivity");
    /** Keras's losses and error metrics by name, which keras_tuner finds in {@code keras.losses} / {@code keras.metrics}. */
    private static final Set<String> MIN_METRICS = Set.of("mse", "mae", "mape", "msle", "rmse", "mean_squared_error",
            "mean_absolute_error", "mean_absolute_percentage_error", "mean_squared_logarithmic_error",
            "root_mean_squared_error", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
            "hinge", "squared_hinge", "categorical_hinge", "kl_divergence", "kld", "poisson", "log_cosh", "logcosh",
            "huber", "false_positives", "false_negatives");

    /** Checks the name. */
    public Objective {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("objective: expected a metric name such as 'val_loss'");
        }
    }

    /**
     * An objective by name with its direction inferred as keras_tuner's {@code infer_metric_direction} does:
     * {@code val_} and {@code weighted_} stripped, then losses and errors are minimized, accuracies and the like
     * maximized.
     *
     * @param name e.g. {@code val_loss}, {@code val_accuracy}, {@code mse}
     * @return the objective
     * @throws IllegalArgumentException when the direction cannot be inferred (give it: {@code new Objective(name, MAX)})
     */
    public static Objective of(String name) {
        String metric = name;
        if (metric.startsWith("val_")) {
            metric = metric.substring(4);
        }
        if (metric.startsWith("weighted_")) {
            metric = metric.substring(9);
        }
        if (MAX_METRICS.contains(metric)) {
            return new Objective(name, Direction.MAX);
        }
        if (MIN_METRICS.contains(metric) || metric.contains("loss") || metric.contains("error")) {
            return new Objective(name, Direction.MIN);
        }
        throw new IllegalArgumentException("objective: cannot infer whether '" + name
                + "' is to be minimized or maximized; give it, e.g. new Objective(\"" + name + "\", Objective.Direction.MAX)");
    }

    /**
     * @param a a score (NaN for none)
     * @param b another
     * @return true when {@code a} is strictly better than {@code b}; a number beats NaN
     */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return direction == Direction.MIN ? a < b : a > b;
    }

    /**
     * @param values the metric per epoch
     * @return the index of the best epoch (the first of equals), or -1 when every value is NaN or there is none
     */
    public int bestIndex(List<Double> values) {
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i) == null ? Double.NaN : values.get(i);
            if (!Double.isNaN(v) && (best < 0 || better(v, values.get(best)))) {
                best = i;
            }
        }
        return best;
    }
}
