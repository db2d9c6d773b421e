package io.kerasj.models;

import io.kerasj.engine.CompileConfig;

import io.kerasj.losses.Loss;
import io.kerasj.losses.LossFunction;
import io.kerasj.losses.LossFunctionWrapper;
import io.kerasj.metrics.MeanMetricWrapper;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of Keras's {@code compile(optimizer=..., loss=..., metrics=[...])} by their Keras names, each a
 * name or an object, with Keras's default optimizer {@code rmsprop}:
 * <pre>{@code
 * model.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"));
 * model.compile(CompileOptions.defaults().optimizer(new SGD(0.01)).loss(new Huber()).metrics("accuracy", myMetric));
 * }</pre>
 * A builder: each setter returns {@code this}. Names resolve when the model compiles ({@code accuracy} by the
 * loss's targets and the output, as in Keras).
 */
public final class CompileOptions {
    private Object optimizer = "rmsprop";
    private Object loss;
    private final List<Object> metrics = new ArrayList<>();
    private Object perOutputLosses;
    private Object perOutputMetrics;
    private Object lossWeights;

    /** @return options with Keras's defaults: optimizer {@code rmsprop}, no loss yet, no metrics */
    public static CompileOptions defaults() {
        return new CompileOptions();
    }

    /**
     * @param name Keras's {@code optimizer} by name ({@link Optimizer#of}): {@code sgd}, {@code adam}, ...
     * @return this
     */
    public CompileOptions optimizer(String name) {
        Optimizer.of(name); // an unknown name fails here, where it was written; each compile gets a fresh one
        this.optimizer = name;
        return this;
    }

    /**
     * @param optimizer Keras's {@code optimizer}, e.g. {@code new Adam(1e-3)}
     * @return this
     */
    public CompileOptions optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return this;
    }

    /**
     * @param name Keras's {@code loss} by name ({@link Loss#of}): {@code mse}, {@code sparse_categorical_crossentropy}, ...
     * @return this
     */
    public CompileOptions loss(String name) {
        Loss.of(name); // fails here for an unknown name
        this.loss = name;
        return this;
    }

    /**
     * @param loss Keras's {@code loss}, e.g. {@code new Huber(2.0)}
     * @return this
     */
    public CompileOptions loss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /**
     * Keras's {@code loss=fn}: a function {@code (tf, yTrue, yPred) -> loss}, wrapped as Keras's
     * {@code LossFunctionWrapper} ({@code sum_over_batch_size}); registered, it saves by name.
     *
     * @param loss the function
     * @return this
     */
    public CompileOptions loss(LossFunction loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /**
     * Keras's {@code metrics}: names ({@link Metric#of}) and {@link Metric} objects, mixed, in the order the logs
     * show them. Replaces earlier metrics.
     *
     * @param metrics each a metric name ({@code "accuracy"}, {@code "mae"}, or a registered {@code "package>name"}), a
     *     {@link Metric} (a {@link io.kerasj.metrics.StatefulMetric} of the user's), or a {@link LossFunction}, whose
     *     per-sample values are averaged ({@link MeanMetricWrapper})
     * @return this
     * @throws IllegalArgumentException for anything else
     */
    public CompileOptions metrics(Object... metrics) {
        List<Object> checked = checkedMetrics(metrics);
        this.metrics.clear();
        this.metrics.addAll(checked);
        return this;
    }

    private static List<Object> checkedMetrics(Object... metrics) {
        List<Object> checked = new ArrayList<>();
        for (int i = 0; i < metrics.length; i++) {
            if (!(metrics[i] instanceof String) && !(metrics[i] instanceof Metric) && !(metrics[i] instanceof LossFunction)) {
                throw new IllegalArgumentException("metrics[" + i + "]: expected a metric name, a Metric or a LossFunction, found "
                        + (metrics[i] == null ? "null" : metrics[i].getClass().getSimpleName()));
            }
            checked.add(metrics[i]);
        }
        return checked;
    }

    /**
     * @param metrics metric names and {@link Metric} objects
     * @return this
     */
    public CompileOptions metrics(List<?> metrics) {
        return metrics(metrics.toArray());
    }

    /**
     * Keras's {@code loss=[...]} for a model of several outputs: one loss per output, in the model's output order,
     * each a name or a {@link Loss}.
     *
     * @param losses one loss per output
     * @return this
     */
    public CompileOptions losses(List<?> losses) {
        losses.forEach(CompileOptions::checkLoss);
        this.perOutputLosses = List.copyOf(losses);
        return this;
    }

    /**
     * Keras's {@code loss={"output": ..., "aux_output": ...}}: a loss per output name.
     *
     * @param losses each output's loss, a name or a {@link Loss}
     * @return this
     */
    public CompileOptions losses(Map<String, ?> losses) {
        losses.values().forEach(CompileOptions::checkLoss);
        this.perOutputLosses = new LinkedHashMap<>(losses);
        return this;
    }

    private static void checkLoss(Object loss) {
        if (loss instanceof String name) {
            Loss.of(name);
        } else if (!(loss instanceof Loss) && !(loss instanceof LossFunction)) {
            throw new IllegalArgumentException("loss: expected a loss name, a Loss or a LossFunction, found " + (loss == null ? "null" : loss.getClass().getSimpleName()));
        }
    }

    /**
     * Keras's {@code loss_weights=[...]}: the weight of each output's loss in the total, in output order.
     *
     * @param weights one weight per output
     * @return this
     */
    public CompileOptions lossWeights(double... weights) {
        List<Double> list = new ArrayList<>();
        for (double w : weights) {
            list.add(w);
        }
        this.lossWeights = List.copyOf(list);
        return this;
    }

    /**
     * Keras's {@code loss_weights={"output": 0.9, ...}}.
     *
     * @param weights the weight of each named output's loss (others: 1)
     * @return this
     */
    public CompileOptions lossWeights(Map<String, Double> weights) {
        this.lossWeights = new LinkedHashMap<>(weights);
        return this;
    }

    /**
     * Keras's {@code metrics=[[...], [...]]} for several outputs: each output's metrics, in output order.
     *
     * @param metrics per output, a list of metric names and {@link Metric}s
     * @return this
     */
    public CompileOptions outputMetrics(List<? extends List<?>> metrics) {
        List<List<Object>> copy = new ArrayList<>();
        metrics.forEach(list -> copy.add(checkedMetrics(list.toArray())));
        this.perOutputMetrics = copy;
        return this;
    }

    /**
     * Keras's {@code metrics={"output": [...], ...}}: metrics per output name.
     *
     * @param metrics per output name, a list of metric names and {@link Metric}s
     * @return this
     */
    public CompileOptions outputMetrics(Map<String, ? extends List<?>> metrics) {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        metrics.forEach((name, list) -> copy.put(name, checkedMetrics(list.toArray())));
        this.perOutputMetrics = copy;
        return this;
    }

    /** @return the metrics as given: names and objects */
    public List<Object> metrics() {
        return List.copyOf(metrics);
    }

    /**
     * The configuration for a model of one output, metric names resolved as Keras's {@code compile} resolves them.
     *
     * @param outputShape the model's per-sample output shape
     * @return what the model compiles with
     * @throws IllegalStateException without a loss
     */
    CompileConfig resolve(long[] outputShape) {
        return resolve(List.of("output"), List.of(outputShape));
    }

    /**
     * The configuration for a model's outputs, as Keras's {@code compile} resolves it: one loss for all outputs or
     * one per output, metrics per output, loss weights.
     *
     * @param outputNames the model's output names
     * @param outputShapes the model's per-sample output shapes
     * @return what the model compiles with
     * @throws IllegalStateException without a loss
     * @throws IllegalArgumentException when a per-output argument does not match the outputs
     */
    CompileConfig resolve(List<String> outputNames, List<long[]> outputShapes) {
        int n = outputNames.size();
        List<Object> losses = perOutput("loss", perOutputLosses, outputNames, loss);
        List<Object> weights = perOutput("loss_weights", lossWeights, outputNames, null);
        List<Object> outputMetrics;
        if (perOutputMetrics != null) {
            outputMetrics = perOutput("metrics", perOutputMetrics, outputNames, List.of());
        } else if (n == 1 || metrics.isEmpty()) {
            outputMetrics = new ArrayList<>();
            for (int o = 0; o < n; o++) {
                outputMetrics.add(o == 0 ? metrics : List.of());
            }
        } else {
            throw new IllegalArgumentException("metrics: the model has " + n + " outputs " + outputNames
                    + "; give each output its metrics with outputMetrics(List) or outputMetrics(Map)");
        }
        Optimizer resolvedOptimizer = optimizer instanceof String name ? Optimizer.of(name) : (Optimizer) optimizer;
        List<CompileConfig.OutputConfig> outputs = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            Object given = losses.get(o);
            if (given == null) {
                throw new IllegalStateException("compile: no loss" + (n > 1 ? " for output '" + outputNames.get(o) + "'" : "")
                        + "; write model.compile(CompileOptions.defaults().optimizer(...).loss(...))");
            }
            Loss resolvedLoss = given instanceof String name ? Loss.of(name)
                    : given instanceof LossFunction function ? LossFunctionWrapper.of(function) : (Loss) given;
            long[] shape = outputShapes.get(o);
            List<Metric> resolved = new ArrayList<>();
            for (Object metric : (List<?>) outputMetrics.get(o)) {
                resolved.add(metric instanceof Metric m ? m : metric instanceof LossFunction f ? MeanMetricWrapper.of(f)
                        : Metric.of((String) metric, resolvedLoss.takesClassIndices(), shape[shape.length - 1]));
            }
            Double weight = weights.get(o) == null ? null : ((Number) weights.get(o)).doubleValue();
            outputs.add(new CompileConfig.OutputConfig(n > 1 ? outputNames.get(o) : null, resolvedLoss,
                    given instanceof String name ? name : null, weight, resolved));
        }
        return new CompileConfig(outputs, resolvedOptimizer);
    }

    /** One value per output from a list (in output order), a map (by output name, others the default) or a default. */
    private static List<Object> perOutput(String argument, Object given, List<String> outputNames, Object fallback) {
        List<Object> values = new ArrayList<>();
        if (given instanceof List<?> list) {
            if (list.size() != outputNames.size()) {
                throw new IllegalArgumentException(argument + ": expected one entry per output " + outputNames + ", found " + list.size());
            }
            values.addAll(list);
        } else if (given instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!outputNames.contains(key)) {
                    throw new IllegalArgumentException(argument + ": '" + key + "' is not an output of the model; the outputs are " + outputNames);
                }
            }
            outputNames.forEach(name -> values.add(map.containsKey(name) ? map.get(name) : fallback));
        } else {
            outputNames.forEach(name -> values.add(fallback));
        }
        return values;
    }

    @Override
    public String toString() {
        return "compile(optimizer=" + describe(optimizer) + ", loss=" + describe(loss) + ", metrics="
                + Arrays.toString(metrics.stream().map(CompileOptions::describe).toArray()) + ")";
    }

    private static String describe(Object argument) {
        return argument == null ? "None" : argument instanceof String name ? "'" + name + "'"
                : argument instanceof Metric m ? m.getClass().getSimpleName() + "('" + m.name() + "')" : argument.getClass().getSimpleName() + "()";
    }
}
