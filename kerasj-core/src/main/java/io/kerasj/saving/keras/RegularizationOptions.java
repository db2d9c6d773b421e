package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.constraints.Constraint;
import io.kerasj.layers.KernelLayer;
import io.kerasj.regularizers.Regularizer;
import java.util.List;

/**
 * The regularizer and constraint arguments of a layer with a kernel (Dense, Conv2D) in a Keras config, both ways:
 * {@code kernel_regularizer}, {@code bias_regularizer}, {@code activity_regularizer}, {@code kernel_constraint},
 * {@code bias_constraint}.
 */
final class RegularizationOptions {
    private static final String REGULARIZERS = "keras.regularizers";
    private static final String CONSTRAINTS = "keras.constraints";

    /** What a config names, read before the layer exists. */
    private record Read(Regularizer kernel, Regularizer bias, Regularizer activity, Constraint kernelConstraint,
                        Constraint biasConstraint) {
    }

    private final Read read;

    private RegularizationOptions(Read read) {
        this.read = read;
    }

    /**
     * @param layer the layer's config
     * @param problems where an argument KerasJ cannot read is recorded
     * @return the arguments, to {@link #applyTo} the layer once it is made
     */
    static RegularizationOptions read(LayerConfig layer, List<String> problems) {
        return read(layer, problems, "kernel");
    }

    /**
     * @param kernel the kernel's name in the argument names: {@code kernel}, or {@code depthwise} for DepthwiseConv2D
     */
    static RegularizationOptions read(LayerConfig layer, List<String> problems, String kernel) {
        return new RegularizationOptions(new Read(regularizer(layer, kernel + "_regularizer", problems),
                regularizer(layer, "bias_regularizer", problems), regularizer(layer, "activity_regularizer", problems),
                constraint(layer, kernel + "_constraint", problems), constraint(layer, "bias_constraint", problems)));
    }

    private static Regularizer regularizer(LayerConfig layer, String key, List<String> problems) {
        return KerasObjectConfig.read(layer, key, Regularizer::of, Regularizer::fromConfig, problems);
    }

    private static Constraint constraint(LayerConfig layer, String key, List<String> problems) {
        return KerasObjectConfig.read(layer, key, Constraint::of, Constraint::fromConfig, problems);
    }

    /** Sets the arguments read on a layer not yet built. */
    void applyTo(KernelLayer<?> layer) {
        layer.kernelRegularizer(read.kernel()).biasRegularizer(read.bias()).activityRegularizer(read.activity())
                .kernelConstraint(read.kernelConstraint()).biasConstraint(read.biasConstraint());
    }

    /**
     * Keras's base-layer {@code activity_regularizer}, which any layer may have: set on a layer without a kernel that
     * a format has just made (a {@link KernelLayer}'s format reads it with the other four).
     *
     * @param layer the layer's config
     * @param made the layer its format made, not yet built
     * @param problems where an unreadable regularizer is recorded
     */
    static void readActivity(LayerConfig layer, io.kerasj.layers.Layer made, List<String> problems) {
        if (!(made instanceof KernelLayer<?>)) {
            Regularizer activity = regularizer(layer, "activity_regularizer", problems);
            if (activity != null) {
                made.activityRegularizer(activity);
            }
        }
    }

    /**
     * Writes Keras's base-layer {@code activity_regularizer} when a layer has one (Keras 3 writes it after
     * {@code dtype}, and only when set).
     */
    static void writeActivity(io.kerasj.layers.Layer layer, ObjectNode config) {
        if (layer.activityRegularizer() != null) {
            config.set("activity_regularizer", regularizer(layer.activityRegularizer()));
        }
    }

    /** Writes a layer's five arguments, null where unset, as Keras 3 does. */
    static void write(KernelLayer<?> layer, ObjectNode config) {
        write(layer, config, "kernel");
    }

    /** Writes the five arguments naming the kernel {@code kernel} ({@code depthwise} for DepthwiseConv2D). */
    static void write(KernelLayer<?> layer, ObjectNode config, String kernel) {
        config.set(kernel + "_regularizer", regularizer(layer.kernelRegularizer()));
        config.set("bias_regularizer", regularizer(layer.biasRegularizer()));
        config.set("activity_regularizer", regularizer(layer.activityRegularizer()));
        config.set(kernel + "_constraint", constraint(layer.kernelConstraint()));
        config.set("bias_constraint", constraint(layer.biasConstraint()));
    }

    private static com.fasterxml.jackson.databind.JsonNode regularizer(Regularizer r) {
        return r == null ? KerasObjectConfig.write(REGULARIZERS, null, null) : KerasObjectConfig.write(REGULARIZERS, r.className(), r.config());
    }

    private static com.fasterxml.jackson.databind.JsonNode constraint(Constraint c) {
        return c == null ? KerasObjectConfig.write(CONSTRAINTS, null, null) : KerasObjectConfig.write(CONSTRAINTS, c.className(), c.config());
    }
}
