package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.Layer;
import io.kerasj.layers.SeparableConv2D;
import java.util.List;

/**
 * Keras's {@code SeparableConv2D}: channels_last, its {@code depthwise_*}, bias and activity regularizers and
 * constraints (the layer's kernel ones), none on the pointwise kernel (refused when set); weights
 * {@code depthwise_kernel}, {@code pointwise_kernel}, then bias.
 */
final class SeparableConv2DFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return SeparableConv2D.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int filters = layer.config().path("filters").asInt(-1);
        int multiplier = layer.config().path("depth_multiplier").asInt(1);
        if (filters <= 0 || multiplier <= 0) {
            problems.add("SeparableConv2D option filters=" + layer.config().path("filters") + ", depth_multiplier="
                    + layer.config().path("depth_multiplier") + " (layer '" + layer.name() + "')");
        }
        int[] kernel = LayerOptions.pair(layer, problems, "kernel_size", null);
        int[] strides = LayerOptions.pair(layer, problems, "strides", new int[] {1, 1});
        int[] dilation = LayerOptions.pair(layer, problems, "dilation_rate", new int[] {1, 1});
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        LayerOptions.mustBeNull(layer, problems, "pointwise_regularizer", "pointwise_constraint");
        RegularizationOptions regularization = RegularizationOptions.read(layer, problems, "depthwise");
        Activation activation = LayerOptions.activation(layer, problems);
        boolean useBias = layer.config().path("use_bias").asBoolean(true);
        String padding = layer.text("padding").orElse("valid");
        Initializer depthwise = InitializerFormat.read(layer, "depthwise_initializer");
        Initializer pointwise = InitializerFormat.read(layer, "pointwise_initializer");
        Initializer bias = InitializerFormat.read(layer, "bias_initializer");
        return LayerOptions.named(layer, problems, before, () -> {
            SeparableConv2D conv = new SeparableConv2D(filters, kernel).strides(strides).padding(padding).depthMultiplier(multiplier)
                    .dilationRate(dilation).activation(activation).useBias(useBias);
            if (depthwise != null) {
                conv.depthwiseInitializer(depthwise);
            }
            if (pointwise != null) {
                conv.pointwiseInitializer(pointwise);
            }
            if (bias != null) {
                conv.biasInitializer(bias);
            }
            regularization.applyTo(conv);
            return conv;
        });
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        SeparableConv2D conv = (SeparableConv2D) layer;
        config.put("depth_multiplier", conv.depthMultiplier());
        config.put("filters", conv.filters());
        config.set("kernel_size", LayerOptions.ints(conv.kernelSize()));
        config.set("strides", LayerOptions.ints(conv.stride()));
        config.put("padding", conv.paddingMode().kerasName());
        config.put("data_format", "channels_last");
        config.set("dilation_rate", LayerOptions.ints(conv.dilation()));
        LayerOptions.writeActivation(config, conv.activation(), conv.name());
        config.put("use_bias", conv.hasBias());
        config.set("depthwise_initializer", InitializerFormat.write(conv.depthwiseInitializer()));
        config.set("pointwise_initializer", InitializerFormat.write(conv.pointwiseInitializer()));
        config.set("bias_initializer", InitializerFormat.write(conv.biasInitializer()));
        config.putNull("pointwise_regularizer");
        config.putNull("pointwise_constraint");
        RegularizationOptions.write(conv, config, "depthwise");
    }
}
