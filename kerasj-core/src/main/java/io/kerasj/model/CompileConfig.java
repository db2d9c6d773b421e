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

    /**
     * Resolves metric names as Keras's {@code compile} does ({@code accuracy} by the loss's targets and the output).
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics metric names
     * @param outputShape the model's per-sample output shape
     * @return the configuration
     */
    static CompileConfig of(Loss loss, Optimizer optimizer, List<String> metrics, long[] outputShape) {
        Objects.requireNonNull(loss, "loss");
        List<Metric> resolved = new ArrayList<>();
        for (String name : metrics) {
            resolved.add(Metric.of(name, loss.takesClassIndices(), outputShape[outputShape.length - 1]));
        }
        return new CompileConfig(loss, optimizer, resolved);
    }

    /** @return the metrics' names, in order */
    public List<String> metricNames() {
        return metrics.stream().map(Metric::name).toList();
    }
}
