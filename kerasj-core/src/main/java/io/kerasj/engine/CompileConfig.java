package io.kerasj.engine;

import io.kerasj.losses.Loss;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code compile} fixed: the loss, the optimizer and the metrics (resolved for the model's output).
 *
 * @param loss the loss
 * @param optimizer the optimizer
 * @param metrics the metrics, in the order the logs show them
 * @param lossIdentifier the Keras name the loss was asked by ({@code "mse"}), which a {@code .keras} file keeps as it
 *     is, as Keras does; null for a loss given as an object
 */
public record CompileConfig(Loss loss, Optimizer optimizer, List<Metric> metrics, String lossIdentifier) {

    /**
     * A configuration with the loss given as an object.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics the metrics, in the order the logs show them
     */
    public CompileConfig(Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this(loss, optimizer, metrics, null);
    }

    /**
     * Checks the arguments.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics the metrics, in the order the logs show them
     * @param lossIdentifier the Keras name the loss was asked by, or null
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
