package io.kerasj.metrics;

import io.kerasj.losses.Loss;
import io.kerasj.losses.MeanAbsoluteError;
import io.kerasj.losses.MeanSquaredError;

import io.kerasj.layers.LayerOutput;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * A Keras metric: its state is a vector of sums. Each batch adds its own sums, computed in the graph
 * ({@link #batchSums}, {@link #stateSize} of them); the state and the result live here ({@link #update},
 * {@link #result}, {@link #reset}), as Keras's {@code update_state}, {@code result} and {@code reset_state}. The
 * model resets it at the start of each epoch and of each evaluation.
 *
 * <p>Most metrics are {@link MeanMetric}s (Keras's {@code MeanMetricWrapper}: one sum, of per-sample values).
 * Others keep confusion-matrix counts ({@link AUC}, {@link Precision}, {@link Recall}, {@link F1Score}) or sums
 * per output unit ({@link R2Score}).
 */
public abstract class Metric {
    private final String name;
    private String identifier;

    /** @param name the name the History shows, e.g. {@code accuracy} */
    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the name the logs and the History use ({@code val_} is prefixed for validation) */
    public String name() {
        return name;
    }

    /**
     * @param outputShape the model's per-sample output shape
     * @return how many sums a batch adds to the state
     * @throws IllegalArgumentException when the metric cannot take such an output
     */
    public abstract int stateSize(long[] outputShape);

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
     * @return the batch's sums, {@code [stateSize]}
     */
    public abstract Operand<TFloat32> batchSums(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred);

    /**
     * Adds a batch's (or several batches') sums to the state (Keras's {@code update_state}).
     *
     * @param sums the sums, {@code [stateSize]}
     * @param samples how many samples they cover
     */
    public abstract void update(double[] sums, long samples);

    /** @return the metric over the samples seen since the last reset */
    public abstract double result();

    /** Forgets every sample seen (Keras's {@code reset_state}). */
    public abstract void reset();

    /**
     * Keras's {@code get_metric}: a metric by name. {@code accuracy} (or {@code acc}) resolves as Keras 3 does:
     * binary when the output has one unit, sparse categorical when the targets are class indices, categorical
     * otherwise. Other names are Keras's class names ({@code SparseTopKCategoricalAccuracy}, {@code AUC}), their
     * snake-case forms or Keras's aliases, with Keras's defaults (k = 5, threshold 0.5, 200 thresholds for AUC).
     * Every metric keeps the name it was asked by, as in Keras.
     *
     * @param identifier {@code accuracy}, {@code acc}, {@code sparse_categorical_accuracy},
     *     {@code categorical_accuracy}, {@code binary_accuracy}, {@code top_k_categorical_accuracy},
     *     {@code sparse_top_k_categorical_accuracy}, {@code mean_squared_error} ({@code mse}),
     *     {@code mean_absolute_error} ({@code mae}), {@code root_mean_squared_error},
     *     {@code mean_absolute_percentage_error} ({@code mape}), {@code auc}, {@code precision}, {@code recall},
     *     {@code f1_score} or {@code r2_score}; or a registered name ({@code "package>name"}) of a metric function
     *     or a metric class
     * @param classIndexTargets whether the compiled loss takes class indices
     * @param outputUnits the size of the model's last output axis
     * @return a new metric
     * @throws IllegalArgumentException for an unknown name
     */
    public static Metric of(String identifier, boolean classIndexTargets, long outputUnits) {
        String id = identifier == null ? "" : identifier;
        Metric metric = id.contains(">") ? registered(id) : byName(id, classIndexTargets, outputUnits);
        metric.identifier = id;
        return metric;
    }

    /** A registered metric function (averaged) or metric class (made from an empty config, with its defaults). */
    private static Metric registered(String id) {
        io.kerasj.saving.ObjectRegistration.Registered r = io.kerasj.saving.ObjectRegistration.getRegisteredObject(id)
                .orElseThrow(() -> new IllegalArgumentException("metrics: nothing is registered as '" + id + "'"));
        if (r.function() instanceof io.kerasj.losses.LossFunction function) {
            return MeanMetricWrapper.of(function);
        }
        if (r.function() == null && Metric.class.isAssignableFrom(r.type())) {
            return (Metric) r.fromConfig().apply(io.kerasj.saving.Config.of(java.util.Map.of()));
        }
        throw new IllegalArgumentException("metrics: '" + id + "' is registered, but is neither a LossFunction nor a Metric class");
    }

    private static Metric byName(String id, boolean classIndexTargets, long outputUnits) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.equals("accuracy") || lower.equals("acc")) {
            return outputUnits == 1 ? new Accuracy.Binary(id)
                    : classIndexTargets ? new Accuracy.SparseCategorical(id) : new Accuracy.Categorical(id);
        }
        return switch (io.kerasj.layers.Naming.snakeCase(id)) {
            case "sparse_categorical_accuracy" -> new Accuracy.SparseCategorical(id);
            case "categorical_accuracy" -> new Accuracy.Categorical(id);
            case "binary_accuracy" -> new Accuracy.Binary(id);
            case "top_k_categorical_accuracy" -> new Accuracy.TopKCategorical(id, 5);
            case "sparse_top_k_categorical_accuracy" -> new Accuracy.SparseTopKCategorical(id, 5);
            case "mean_squared_error", "mse" -> new LossMetric(id, new MeanSquaredError());
            case "mean_absolute_error", "mae" -> new LossMetric(id, new MeanAbsoluteError());
            case "mean_absolute_percentage_error", "mape" -> new LossMetric(id, new MeanAbsolutePercentageError());
            case "root_mean_squared_error" -> new RootMeanSquaredError(id);
            case "auc" -> new AUC(id);
            case "precision" -> new Precision(id);
            case "recall" -> new Recall(id);
            case "f1_score" -> new F1Score(id);
            case "r2_score" -> new R2Score(id);
            default -> throw new IllegalArgumentException("metrics: expected one of accuracy, acc, sparse_categorical_accuracy, "
                    + "categorical_accuracy, binary_accuracy, top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, "
                    + "mean_squared_error (mse), mean_absolute_error (mae), root_mean_squared_error, "
                    + "mean_absolute_percentage_error (mape), auc, precision, recall, f1_score, r2_score, found '" + id + "'");
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

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank} for targets: {@code [batch]} targets of a one-unit output
     * gain its last axis.
     *
     * @param tf the graph's ops
     * @param yTrue the targets
     * @param yPred the output
     * @param metric the metric's name, for the error
     * @return the targets, shaped like the output
     * @throws IllegalArgumentException when they cannot be (class indices for a several-unit output)
     */
    static Operand<? extends TNumber> targetsLikeOutput(Ops tf, Operand<? extends TNumber> yTrue, Operand<TFloat32> yPred, String metric) {
        int trueRank = yTrue.shape().numDimensions();
        int predRank = yPred.shape().numDimensions();
        if (trueRank == predRank) {
            return yTrue;
        }
        if (trueRank == predRank - 1 && yPred.shape().get(predRank - 1) == 1) {
            return tf.expandDims(yTrue, tf.constant(-1));
        }
        throw new IllegalArgumentException(metric + ": expected targets shaped like the model's output " + yPred.shape()
                + " (one-hot or 0/1 per unit), found " + yTrue.shape() + "; class-index targets do not fit this metric");
    }

    /**
     * @param outputShape the model's per-sample output shape
     * @param metric the metric's name, for the error
     * @return the number of output units
     * @throws IllegalArgumentException unless the output is {@code [batch, units]}
     */
    static long outputUnits(long[] outputShape, String metric) {
        if (outputShape.length != 1) {
            throw new IllegalArgumentException(metric + ": expected a model output of shape [batch, units], found per-sample shape "
                    + Arrays.toString(outputShape));
        }
        return outputShape[0];
    }

    /**
     * Adds a batch's sums to a metric's running sums, allocating them at the first batch (the size checked by the caller).
     *
     * @param state the running sums, empty before the first batch
     * @param sums the batch's sums
     * @return the running sums, now including {@code sums}
     */
    static double[] accumulate(double[] state, double[] sums) {
        double[] total = state.length == 0 ? new double[sums.length] : state;
        for (int i = 0; i < sums.length; i++) {
            total[i] += sums[i];
        }
        return total;
    }

    /** @throws IllegalArgumentException unless {@code sums} has {@code size} entries */
    static void requireSize(double[] sums, int size, String name) {
        if (sums.length != size) {
            throw new IllegalArgumentException(name + ": expected " + size + " sums, found " + sums.length + " "
                    + Arrays.toString(Arrays.copyOf(sums, Math.min(sums.length, 4))));
        }
    }

    /** A loss's per-sample values as a mean metric. */
    public static final class LossMetric extends MeanMetric {
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
