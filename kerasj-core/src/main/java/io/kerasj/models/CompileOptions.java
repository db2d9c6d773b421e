package io.kerasj.models;

import io.kerasj.engine.CompileConfig;

import io.kerasj.losses.Loss;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
     * Keras's {@code metrics}: names ({@link Metric#of}) and {@link Metric} objects, mixed, in the order the logs
     * show them. Replaces earlier metrics.
     *
     * @param metrics each a metric name ({@code "accuracy"}, {@code "mae"}) or a {@link Metric}
     * @return this
     * @throws IllegalArgumentException for anything else
     */
    public CompileOptions metrics(Object... metrics) {
        List<Object> checked = new ArrayList<>();
        for (int i = 0; i < metrics.length; i++) {
            if (!(metrics[i] instanceof String) && !(metrics[i] instanceof Metric)) {
                throw new IllegalArgumentException("metrics[" + i + "]: expected a metric name or a Metric, found "
                        + (metrics[i] == null ? "null" : metrics[i].getClass().getSimpleName()));
            }
            checked.add(metrics[i]);
        }
        this.metrics.clear();
        this.metrics.addAll(checked);
        return this;
    }

    /**
     * @param metrics metric names and {@link Metric} objects
     * @return this
     */
    public CompileOptions metrics(List<?> metrics) {
        return metrics(metrics.toArray());
    }

    /** @return the metrics as given: names and objects */
    public List<Object> metrics() {
        return List.copyOf(metrics);
    }

    /**
     * The configuration for a model's output, metric names resolved as Keras's {@code compile} resolves them.
     *
     * @param outputShape the model's per-sample output shape
     * @return what the model compiles with
     * @throws IllegalStateException without a loss
     */
    CompileConfig resolve(long[] outputShape) {
        if (loss == null) {
            throw new IllegalStateException("compile: no loss; write model.compile(CompileOptions.defaults().optimizer(...).loss(...))");
        }
        Loss resolvedLoss = loss instanceof String name ? Loss.of(name) : (Loss) loss;
        List<Metric> resolved = new ArrayList<>();
        for (Object metric : metrics) {
            resolved.add(metric instanceof Metric m ? m
                    : Metric.of((String) metric, resolvedLoss.takesClassIndices(), outputShape[outputShape.length - 1]));
        }
        return new CompileConfig(resolvedLoss, optimizer instanceof String name ? Optimizer.of(name) : (Optimizer) optimizer,
                resolved, loss instanceof String name ? name : null);
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
