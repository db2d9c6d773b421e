package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.BaseConv;
import java.util.List;

/**
 * The arguments Keras's 2-D convolutions share in a config ({@code kernel_size}, {@code strides}, {@code padding},
 * {@code data_format} channels_last, {@code dilation_rate}, {@code activation}, {@code use_bias}, the kernel and bias
 * initializers, regularizers and constraints), read once and set on a {@link BaseConv}, and written back.
 *
 * @param kernelName the kernel's name in the argument names: {@code kernel}, or {@code depthwise}
 */
record ConvOptions(String kernelName, int[] kernelSize, int[] strides, int[] dilation, String padding, Activation activation,
        boolean useBias, Initializer kernelInitializer, Initializer biasInitializer, RegularizationOptions regularization) {

    /** Reads the shared arguments, recording in {@code problems} what KerasJ cannot take. */
    static ConvOptions read(LayerConfig layer, List<String> problems, String kernelName) {
        LayerOptions.common(layer, problems);
        int[] kernel = LayerOptions.pair(layer, problems, "kernel_size", null);
        int[] strides = LayerOptions.pair(layer, problems, "strides", new int[] {1, 1});
        int[] dilation = LayerOptions.pair(layer, problems, "dilation_rate", new int[] {1, 1});
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        Activation activation = LayerOptions.activation(layer, problems);
        boolean useBias = layer.config().path("use_bias").asBoolean(true);
        RegularizationOptions regularization = RegularizationOptions.read(layer, problems, kernelName);
        return new ConvOptions(kernelName, kernel, strides, dilation, layer.text("padding").orElse("valid"), activation, useBias,
                InitializerFormat.read(layer, kernelName + "_initializer"), InitializerFormat.read(layer, "bias_initializer"), regularization);
    }

    /** @return Keras's positive {@code filters}, or -1 with a problem */
    static int filters(LayerConfig layer, List<String> problems) {
        int filters = layer.config().path("filters").asInt(-1);
        if (filters <= 0) {
            problems.add(layer.className() + " option filters=" + layer.config().path("filters") + " (layer '" + layer.name() + "')");
        }
        return filters;
    }

    /** Sets the arguments on a layer made with this kernel size and not yet built. */
    <L extends BaseConv<L>> L applyTo(L conv) {
        conv.strides(strides).padding(padding).dilationRate(dilation).activation(activation).useBias(useBias);
        if (kernelInitializer != null) {
            conv.kernelInitializer(kernelInitializer);
        }
        if (biasInitializer != null) {
            conv.biasInitializer(biasInitializer);
        }
        regularization.applyTo(conv);
        return conv;
    }

    /** Writes {@code kernel_size}, {@code strides} and {@code padding}, as Keras 3 does first. */
    static void writeWindow(BaseConv<?> conv, ObjectNode config) {
        config.set("kernel_size", LayerOptions.ints(conv.kernelSize()));
        config.set("strides", LayerOptions.ints(conv.stride()));
        config.put("padding", conv.paddingMode().kerasName());
    }

    /** Writes {@code data_format} and {@code dilation_rate}. */
    static void writeFormat(BaseConv<?> conv, ObjectNode config) {
        config.put("data_format", "channels_last");
        config.set("dilation_rate", LayerOptions.ints(conv.dilation()));
    }

    /**
     * Writes {@code activation}, {@code use_bias}, the kernel's initializer under {@code kernelName}, then
     * {@code bias_initializer} (a layer with more initializers writes them with {@code between}).
     */
    static void writeOutput(BaseConv<?> conv, ObjectNode config, String kernelName, Runnable between) {
        LayerOptions.writeActivation(config, conv.activation(), conv.name());
        config.put("use_bias", conv.hasBias());
        config.set(kernelName + "_initializer", InitializerFormat.write(conv.kernelInitializer()));
        between.run();
        config.set("bias_initializer", InitializerFormat.write(conv.biasInitializer()));
    }
}
