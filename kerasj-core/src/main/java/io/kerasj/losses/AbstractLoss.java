package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The base of a custom loss class, as Keras's {@code keras.losses.Loss} is subclassed: a name, {@link #call} on the
 * targets and the output, and {@link #getConfig} (Keras's {@code get_config}: {@code name} and {@code reduction},
 * plus the subclass's own arguments). Registered with its {@code fromConfig}
 * ({@link io.kerasj.saving.ObjectRegistration#registerKerasSerializable(String, String, Class, java.util.function.Function)}),
 * it saves in a {@code .keras} file's {@code compile_config} and loads back, in KerasJ and in Keras.
 */
public abstract class AbstractLoss implements Loss {
    private final String name;

    /** @param name the loss's name, e.g. {@code scaled_mse} */
    protected AbstractLoss(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Keras's {@code Loss.call}.
     *
     * @param tf the graph's ops
     * @param yTrue the targets, as float32, with the output's rank
     * @param yPred the model's output
     * @return the loss per sample ({@code [batch]} or {@code [batch, ...]}), or a scalar for the batch
     */
    public abstract Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

    @Override
    public final Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        return LossFunction.perSample(this::call, tf, yTrue, yPred.output());
    }

    /**
     * Keras's {@code get_config}; a subclass adds its own arguments to this map.
     *
     * @return {@code name} and {@code reduction} ({@code sum_over_batch_size}, the reduction KerasJ applies)
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", "sum_over_batch_size");
        return config;
    }
}
