package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.DepthwiseConv2D;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * Keras's {@code DepthwiseConv2D}: channels_last, its {@code depthwise_*} initializer, regularizer and constraint (the
 * layer's kernel ones); weights {@code kernel [rows, cols, in, depth_multiplier]} then bias.
 */
final class DepthwiseConv2DFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return DepthwiseConv2D.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int multiplier = layer.config().path("depth_multiplier").asInt(1);
        if (multiplier <= 0) {
            problems.add("DepthwiseConv2D option depth_multiplier=" + layer.config().get("depth_multiplier") + " (layer '" + layer.name() + "')");
        }
        int[] kernel = LayerOptions.pair(layer, problems, "kernel_size", null);
        int[] strides = LayerOptions.pair(layer, problems, "strides", new int[] {1, 1});
        int[] dilation = LayerOptions.pair(layer, problems, "dilation_rate", new int[] {1, 1});
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        Activation activation = LayerOptions.activation(layer, problems);
        boolean useBias = layer.config().path("use_bias").asBoolean(true);
        RegularizationOptions regularization = RegularizationOptions.read(layer, problems, "depthwise");
        String padding = layer.text("padding").orElse("valid");
        Initializer kernelInitializer = InitializerFormat.read(layer, "depthwise_initializer");
        Initializer biasInitializer = InitializerFormat.read(layer, "bias_initializer");
        return LayerOptions.named(layer, problems, before, () -> {
            DepthwiseConv2D conv = new DepthwiseConv2D(kernel).strides(strides).padding(padding).depthMultiplier(multiplier)
                    .dilationRate(dilation).activation(activation).useBias(useBias);
            if (kernelInitializer != null) {
                conv.kernelInitializer(kernelInitializer);
            }
            if (biasInitializer != null) {
                conv.biasInitializer(biasInitializer);
            }
            regularization.applyTo(conv);
            return conv;
        });
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        DepthwiseConv2D conv = (DepthwiseConv2D) layer;
        config.put("depth_multiplier", conv.depthMultiplier());
        config.set("kernel_size", LayerOptions.ints(conv.kernelSize()));
        config.set("strides", LayerOptions.ints(conv.stride()));
        config.put("padding", conv.paddingMode().kerasName());
        config.put("data_format", "channels_last");
        config.set("dilation_rate", LayerOptions.ints(conv.dilation()));
        LayerOptions.writeActivation(config, conv.activation(), conv.name());
        config.put("use_bias", conv.hasBias());
        config.set("depthwise_initializer", InitializerFormat.write(conv.kernelInitializer()));
        config.set("bias_initializer", InitializerFormat.write(conv.biasInitializer()));
        RegularizationOptions.write(conv, config, "depthwise");
    }
}
