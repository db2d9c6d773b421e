package io.kerasj.train;

import io.kerasj.layers.LayerOutput;
import java.util.Locale;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * A Keras metric of the {@code MeanMetricWrapper} kind: a value per sample, computed in the graph, and a running
 * mean kept here ({@link #update}, {@link #result}, {@link #reset}), as Keras's {@code update_state},
 * {@code result} and {@code reset_state}. The model resets it at the start of each epoch and of each evaluation.
 */
public abstract class Metric {
    private final String name;
    private String identifier;
    private double total;
    private long count;

    /** @param name the name the History shows, e.g. {@code accuracy} */
    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the name the logs and the History use ({@code val_} is prefixed for validation) */
    public String name() {
        return name;
    }

    /**
     * @return the Keras identifier this metric was asked by ({@code "mae"}, {@code "accuracy"}) through
     *     {@link #of}, which a {@code .keras} file's {@code compile_config} keeps as it is, as Keras does; null for a
     *     metric made as an object, which the file keeps as a serialized {@code keras.metrics} object
     */
    public String identifier() {
        return identifier;
    }

    /**
     * @param tf the graph's ops
     * @param yTrue the batch's targets, as the compiled loss takes them
     * @param yPred the model's output
     * @return one value per sample, {@code [batch]} (axes beyond the batch axis are averaged by the model)
     */
    public abstract Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred);

    /** Forgets every sample seen (Keras's {@code reset_state}). */
    public void reset() {
        total = 0;
        count = 0;
    }

    /**
     * Adds samples (Keras's {@code update_state}).
     *
     * @param sum the sum of their values
     * @param samples how many samples
     */
    public void update(double sum, long samples) {
        total += sum;
        count += samples;
    }

    /** @return the mean value over the samples seen since the last reset, or 0 before any */
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    /**
     * Keras's {@code get_metric}: a metric by name. {@code accuracy} (or {@code acc}) resolves as Keras 3 does:
     * binary when the output has one unit, sparse categorical when the targets are class indices, categorical
     * otherwise. Other names are Keras's function names, aliases or class names ({@code SparseTopKCategoricalAccuracy}),
     * with Keras's defaults (k = 5, threshold 0.5). Every metric keeps the name it was asked by, as in Keras.
     *
     * @param identifier {@code accuracy}, {@code acc}, {@code sparse_categorical_accuracy},
     *     {@code categorical_accuracy}, {@code binary_accuracy}, {@code top_k_categorical_accuracy},
     *     {@code sparse_top_k_categorical_accuracy}, {@code mean_squared_error} ({@code mse}) or
     *     {@code mean_absolute_error} ({@code mae})
     * @param classIndexTargets whether the compiled loss takes class indices
     * @param outputUnits the size of the model's last output axis
     * @return a new metric
     * @throws IllegalArgumentException for an unknown name
     */
    public static Metric of(String identifier, boolean classIndexTargets, long outputUnits) {
        String id = identifier == null ? "" : identifier;
        Metric metric = byName(id, classIndexTargets, outputUnits);
        metric.identifier = id;
        return metric;
    }

    private static Metric byName(String id, boolean classIndexTargets, long outputUnits) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.equals("accuracy") || lower.equals("acc")) {
            return outputUnits == 1 ? new Accuracy.Binary(id)
                    : classIndexTargets ? new Accuracy.SparseCategorical(id) : new Accuracy.Categorical(id);
        }
        return switch (KerasNames.key(id)) {
            case "sparse_categorical_accuracy" -> new Accuracy.SparseCategorical(id);
            case "categorical_accuracy" -> new Accuracy.Categorical(id);
            case "binary_accuracy" -> new Accuracy.Binary(id);
            case "top_k_categorical_accuracy" -> new Accuracy.TopKCategorical(id, 5);
            case "sparse_top_k_categorical_accuracy" -> new Accuracy.SparseTopKCategorical(id, 5);
            case "mean_squared_error", "mse" -> new LossMetric(id, new MeanSquaredError());
            case "mean_absolute_error", "mae" -> new LossMetric(id, new MeanAbsoluteError());
            default -> throw new IllegalArgumentException("metrics: expected one of accuracy, acc, sparse_categorical_accuracy, "
                    + "categorical_accuracy, binary_accuracy, top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, "
                    + "mean_squared_error (mse), mean_absolute_error (mae), found '" + id + "'");
        };
    }

    /**
     * Keras's {@code mean_squared_error} and {@code mean_absolute_error} metrics: a loss's value per sample, averaged.
     *
     * @param name the name the History shows
     * @param loss the loss whose values it averages
     * @return the metric
     */
    public static Metric ofLoss(String name, Loss loss) {
        return new LossMetric(name, loss);
    }

    /** A loss's per-sample values as a mean metric (Keras's {@code MeanSquaredError} and {@code MeanAbsoluteError} metrics). */
    public static final class LossMetric extends Metric {
        private final Loss loss;

        /** @return the loss whose values it averages */
        public Loss loss() {
            return loss;
        }

        LossMetric(String name, Loss loss) {
            super(name);
            this.loss = Objects.requireNonNull(loss, "loss");
        }

        @Override
        public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
            return loss.call(tf, yTrue, yPred);
        }
    }
}
