package io.kerasj.model;

import io.kerasj.train.Optimizer;
import io.kerasj.train.SparseCategoricalCrossentropy;
import java.util.List;
import java.util.Objects;

/**
 * What {@code compile} fixed: the loss, the optimizer and the metrics.
 *
 * @param loss the loss
 * @param optimizer the optimizer
 * @param metrics metric names; {@code accuracy} is the one supported
 */
public record CompileConfig(SparseCategoricalCrossentropy loss, Optimizer optimizer, List<String> metrics) {

    /** Checks the arguments. */
    public CompileConfig {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        metrics = List.copyOf(metrics);
        for (String metric : metrics) {
            if (!metric.equals("accuracy") && !metric.equals("acc")) {
                throw new IllegalArgumentException("metrics: expected 'accuracy', found '" + metric + "'");
            }
        }
    }

    /** @return true when accuracy is reported */
    public boolean hasAccuracy() {
        return !metrics.isEmpty();
    }
}
