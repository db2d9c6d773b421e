package io.kerasj.losses;

import io.kerasj.metrics.MeanAbsolutePercentageError;

import io.kerasj.layers.LayerOutput;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * A Keras loss: the per-sample loss of a batch, from its targets and the model's output (with the logits behind
 * it where the last activation can be split off). The model averages it over the batch (Keras's
 * {@code sum_over_batch_size}), and over any axis beyond the batch axis a loss leaves.
 */
public interface Loss {

    /** @return Keras's name, e.g. {@code sparse_categorical_crossentropy} */
    String name();

    /**
     * @return true when the targets are class indices, one per sample ({@code [batch]}), as for the sparse
     *     cross-entropy; false (the default) when they are shaped like the model's output
     */
    default boolean takesClassIndices() {
        return false;
    }

    /**
     * @param tf the graph's ops
     * @param yTrue the targets: integer or float, {@code [batch]} class indices or shaped like the output
     * @param yPred the model's output and logits
     * @return the loss of each sample, {@code [batch]} (or {@code [batch, ...]}, averaged by the model)
     */
    Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred);

    /**
     * Keras's {@code keras.losses.get(name)}: a function name, one of Keras's aliases, or a class name
     * ({@code BinaryCrossentropy}), each with Keras's defaults.
     *
     * @param name {@code sparse_categorical_crossentropy}, {@code categorical_crossentropy},
     *     {@code binary_crossentropy} ({@code bce}), {@code mean_squared_error} ({@code mse}),
     *     {@code mean_absolute_error} ({@code mae}), {@code huber}, {@code log_cosh}, {@code hinge},
     *     {@code squared_hinge}, {@code categorical_hinge}, {@code kl_divergence} ({@code kld}), {@code poisson},
     *     {@code mean_squared_logarithmic_error} ({@code msle}), {@code mean_absolute_percentage_error}
     *     ({@code mape}) or {@code cosine_similarity}; or a registered name ({@code "package>name"}) of a
     *     {@link LossFunction} or of a loss class (made from an empty config, so with its defaults)
     * @return the loss with Keras's defaults
     * @throws IllegalArgumentException for another name
     */
    static Loss of(String name) {
        if (name != null && name.contains(">")) {
            return registered(name);
        }
        return switch (io.kerasj.layers.Naming.snakeCase(name)) {
            case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropy();
            case "categorical_crossentropy" -> new CategoricalCrossentropy();
            case "binary_crossentropy", "bce" -> new BinaryCrossentropy();
            case "mean_squared_error", "mse" -> new MeanSquaredError();
            case "mean_absolute_error", "mae" -> new MeanAbsoluteError();
            case "huber" -> new Huber();
            case "log_cosh" -> new LogCosh();
            case "hinge" -> new Hinge();
            case "squared_hinge" -> new SquaredHinge();
            case "categorical_hinge" -> new CategoricalHinge();
            case "kl_divergence", "kld" -> new KLDivergence();
            case "poisson" -> new Poisson();
            case "mean_squared_logarithmic_error", "msle" -> new MeanSquaredLogarithmicError();
            case "mean_absolute_percentage_error", "mape" -> new MeanAbsolutePercentageError();
            case "cosine_similarity" -> new CosineSimilarity();
            default -> throw new IllegalArgumentException("loss: expected one of sparse_categorical_crossentropy, "
                    + "categorical_crossentropy, binary_crossentropy (bce), mean_squared_error (mse), mean_absolute_error (mae), "
                    + "huber, log_cosh, hinge, squared_hinge, categorical_hinge, kl_divergence (kld), poisson, "
                    + "mean_squared_logarithmic_error (msle), mean_absolute_percentage_error (mape), cosine_similarity, found '"
                    + name + "'");
        };
    }

    private static Loss registered(String name) {
        io.kerasj.saving.ObjectRegistration.Registered r = io.kerasj.saving.ObjectRegistration.getRegisteredObject(name)
                .orElseThrow(() -> new IllegalArgumentException("loss: nothing is registered as '" + name + "'"));
        if (r.function() instanceof LossFunction function) {
            return LossFunctionWrapper.of(function);
        }
        if (r.function() == null && Loss.class.isAssignableFrom(r.type())) {
            return (Loss) r.fromConfig().apply(io.kerasj.saving.Config.of(java.util.Map.of()));
        }
        throw new IllegalArgumentException("loss: '" + name + "' is registered, but is neither a LossFunction nor a Loss class");
    }

    /**
     * @param tf the graph's ops
     * @param values any numbers
     * @return them as float32 (no op when they already are)
     */
    @SuppressWarnings("unchecked")
    static Operand<TFloat32> floats(Ops tf, Operand<? extends TNumber> values) {
        return values.type() == TFloat32.class ? (Operand<TFloat32>) values : tf.dtypes.cast(values, TFloat32.class);
    }
}
