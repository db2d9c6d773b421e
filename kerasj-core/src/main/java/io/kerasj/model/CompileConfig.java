package io.kerasj.model;

import io.kerasj.train.Loss;
import io.kerasj.train.Metric;
import io.kerasj.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code compile} fixed: the loss, the optimizer and the metrics (resolved for the model's output).
 *
 * @param loss the loss
 * @param optimizer the optimizer
 * @param metrics the metrics, in the order the logs show them
 */
public record CompileConfig(Loss loss, Optimizer optimizer, List<Metric> metrics) {

    /**
     * Checks the arguments.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics the metrics, in the order the logs show them
     */
    public CompileConfig {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        metrics = List.copyOf(metrics);
        List<String> names = new ArrayList<>();
        for (Metric metric : metrics) {
            if (metric.name().equals("loss") || names.contains(metric.name())) {
                throw new IllegalArgumentException("metrics: the name '" + metric.name() + "' is used twice");
            }
            names.add(metric.name());
        }
    }

    /** @return the metrics' names, in order */
    public List<String> metricNames() {
        return metrics.stream().map(Metric::name).toList();
    }
}
