package io.kerasj.engine;

import io.kerasj.losses.Loss;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code compile} fixed: the optimizer, and for each model output its loss, loss weight and metrics (resolved
 * for that output). The logs are named as Keras 3 names them: {@code loss}; for several outputs each output's
 * unweighted loss, {@code <output>_loss}; then each metric, prefixed by its output's name ({@code <output>_mae}) for
 * several outputs.
 */
public final class CompileConfig {
    private final List<OutputConfig> outputs;
    private final Optimizer optimizer;
    private final List<LogMetric> logMetrics;

    /**
     * One output's part of the configuration.
     *
     * @param name the output's name (Keras's {@code output_names}), or null for a model of one output
     * @param loss its loss
     * @param lossIdentifier the Keras name the loss was asked by ({@code "mse"}), kept by a {@code .keras} file as it
     *     is; null for a loss given as an object
     * @param lossWeight the loss's weight in the total ({@code loss_weights}), or null for none (1)
     * @param metrics its metrics, in the order the logs show them
     */
    public record OutputConfig(String name, Loss loss, String lossIdentifier, Double lossWeight, List<Metric> metrics) {
        /** Checks the arguments. */
        public OutputConfig {
            Objects.requireNonNull(loss, "loss");
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * A metric as the logs show it.
     *
     * @param name its log name ({@code mae}, {@code output_mae}, {@code aux_output_loss})
     * @param metric the metric
     * @param output the index of the output it measures
     */
    public record LogMetric(String name, Metric metric, int output) {
    }

    /**
     * A model of one output.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics the metrics, in the order the logs show them
     * @param lossIdentifier the Keras name the loss was asked by, or null
     */
    public CompileConfig(Loss loss, Optimizer optimizer, List<Metric> metrics, String lossIdentifier) {
        this(List.of(new OutputConfig(null, loss, lossIdentifier, null, metrics)), optimizer);
    }

    /**
     * A model of one output, the loss given as an object.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics the metrics, in the order the logs show them
     */
    public CompileConfig(Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this(loss, optimizer, metrics, null);
    }

    /**
     * @param outputs each output's loss, weight and metrics, in the model's output order (names required for
     *     several)
     * @param optimizer the optimizer
     * @throws IllegalArgumentException when two logs would have one name
     */
    public CompileConfig(List<OutputConfig> outputs, Optimizer optimizer) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("compile: expected a loss for at least one output");
        }
        this.outputs = List.copyOf(outputs);
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<LogMetric> logs = new ArrayList<>();
        boolean several = outputs.size() > 1;
        if (several) {
            for (int o = 0; o < outputs.size(); o++) {
                OutputConfig out = outputs.get(o);
                Objects.requireNonNull(out.name(), "output name");
                logs.add(new LogMetric(out.name() + "_loss", Metric.ofLoss(out.name() + "_loss", out.loss()), o));
            }
        }
        for (int o = 0; o < outputs.size(); o++) {
            for (Metric metric : outputs.get(o).metrics()) {
                logs.add(new LogMetric(several ? outputs.get(o).name() + "_" + metric.name() : metric.name(), metric, o));
            }
        }
        List<String> names = new ArrayList<>();
        for (LogMetric log : logs) {
            if (log.name().equals("loss") || names.contains(log.name())) {
                throw new IllegalArgumentException("metrics: the name '" + log.name() + "' is used twice");
            }
            names.add(log.name());
        }
        this.logMetrics = List.copyOf(logs);
    }

    /** @return each output's loss, weight and metrics, in the model's output order */
    public List<OutputConfig> outputs() {
        return outputs;
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the first output's loss (the model's, for one output) */
    public Loss loss() {
        return outputs.get(0).loss();
    }

    /** @return the Keras name the first output's loss was asked by, or null */
    public String lossIdentifier() {
        return outputs.get(0).lossIdentifier();
    }

    /** @return the metrics the logs show, in order (for several outputs, each output's loss first) */
    public List<Metric> metrics() {
        return logMetrics.stream().map(LogMetric::metric).toList();
    }

    /** @return the logged metrics with their names and outputs */
    public List<LogMetric> logMetrics() {
        return logMetrics;
    }

    /** @return the metrics' log names, in order */
    public List<String> metricNames() {
        return logMetrics.stream().map(LogMetric::name).toList();
    }

    /** @return the first output's metrics as compiled (the model's, for one output) */
    public List<Metric> outputMetrics() {
        return outputs.get(0).metrics();
    }
}
