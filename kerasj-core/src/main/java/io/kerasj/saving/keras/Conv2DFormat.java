package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Conv2D;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Conv2D}: channels_last, with groups, with its regularizers and constraints; kernel then bias. */
final class Conv2DFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Conv2D.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int filters = layer.config().path("filters").asInt(-1);
        if (filters <= 0) {
            problems.add("Conv2D option filters=" + layer.config().path("filters") + " (layer '" + layer.name() + "')");
        }
        int[] kernel = LayerOptions.pair(layer, problems, "kernel_size", null);
        int[] strides = LayerOptions.pair(layer, problems, "strides", new int[] {1, 1});
        int[] dilation = LayerOptions.pair(layer, problems, "dilation_rate", new int[] {1, 1});
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        int groups = layer.config().path("groups").asInt(1);
        if (groups <= 0) {
            problems.add("Conv2D option groups=" + layer.config().get("groups") + " (layer '" + layer.name() + "')");
        }
        Activation activation = LayerOptions.activation(layer, problems);
        boolean useBias = layer.config().path("use_bias").asBoolean(true);
        RegularizationOptions regularization = RegularizationOptions.read(layer, problems);
        String padding = layer.text("padding").orElse("valid");
        Initializer kernelInitializer = InitializerFormat.read(layer, "kernel_initializer");
        Initializer biasInitializer = InitializerFormat.read(layer, "bias_initializer");
        return LayerOptions.named(layer, problems, before, () -> {
            Conv2D conv = new Conv2D(filters, kernel).strides(strides).padding(padding).dilationRate(dilation)
                    .activation(activation).useBias(useBias).groups(groups);
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
        Conv2D conv = (Conv2D) layer;
        config.put("filters", conv.filters());
        config.set("kernel_size", LayerOptions.ints(conv.kernelSize()));
        config.set("strides", LayerOptions.ints(conv.stride()));
        config.put("padding", conv.paddingMode().kerasName());
        config.put("data_format", "channels_last");
        config.set("dilation_rate", LayerOptions.ints(conv.dilation()));
        config.put("groups", conv.groups());
        LayerOptions.writeActivation(config, conv.activation(), conv.name());
        config.put("use_bias", conv.hasBias());
        config.set("kernel_initializer", InitializerFormat.write(conv.kernelInitializer()));
        config.set("bias_initializer", InitializerFormat.write(conv.biasInitializer()));
        RegularizationOptions.write(conv, config);
    }
}
