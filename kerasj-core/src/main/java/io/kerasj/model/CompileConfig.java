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

    /**
     * Resolves metric names as Keras's {@code compile} does ({@code accuracy} by the loss's targets and the output).
     *
     * @param loss the loss
     * @param lossIdentifier the name the loss was asked by, or null for an object
     * @param optimizer the optimizer
     * @param metrics metric names
     * @param outputShape the model's per-sample output shape
     * @return the configuration
     */
    static CompileConfig of(Loss loss, String lossIdentifier, Optimizer optimizer, List<String> metrics, long[] outputShape) {
        Objects.requireNonNull(loss, "loss");
        List<Metric> resolved = new ArrayList<>();
        for (String name : metrics) {
            resolved.add(Metric.of(name, loss.takesClassIndices(), outputShape[outputShape.length - 1]));
        }
        return new CompileConfig(loss, optimizer, resolved, lossIdentifier);
    }

    /** @return the metrics' names, in order */
    public List<String> metricNames() {
        return metrics.stream().map(Metric::name).toList();
    }
}
