package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.Conv2DTranspose;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Conv2DTranspose}: channels_last, dilation 1, with output_padding; kernel then bias. */
final class Conv2DTransposeFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Conv2DTranspose.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int filters = layer.config().path("filters").asInt(-1);
        if (filters <= 0) {
            problems.add("Conv2DTranspose option filters=" + layer.config().path("filters") + " (layer '" + layer.name() + "')");
        }
        int[] kernel = LayerOptions.pair(layer, problems, "kernel_size", null);
        int[] strides = LayerOptions.pair(layer, problems, "strides", new int[] {1, 1});
        int[] dilation = LayerOptions.pair(layer, problems, "dilation_rate", new int[] {1, 1});
        if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
            problems.add("Conv2DTranspose option dilation_rate=" + layer.config().get("dilation_rate") + " (layer '" + layer.name() + "')");
        }
        int[] outputPadding = outputPadding(layer, problems);
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        Activation activation = LayerOptions.activation(layer, problems);
        boolean useBias = layer.config().path("use_bias").asBoolean(true);
        RegularizationOptions regularization = RegularizationOptions.read(layer, problems);
        String padding = layer.text("padding").orElse("valid");
        Initializer kernelInitializer = InitializerFormat.read(layer, "kernel_initializer");
        Initializer biasInitializer = InitializerFormat.read(layer, "bias_initializer");
        return LayerOptions.named(layer, problems, before, () -> {
            Conv2DTranspose conv = new Conv2DTranspose(filters, kernel).strides(strides).padding(padding).outputPadding(outputPadding)
                    .activation(activation).useBias(useBias);
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

    /** @return null (Keras's None), or two ints >= 0 */
    private static int[] outputPadding(LayerConfig layer, List<String> problems) {
        JsonNode v = layer.config().get("output_padding");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isInt() && v.asInt() >= 0) {
            return new int[] {v.asInt(), v.asInt()};
        }
        if (v.isArray() && v.size() == 2 && v.get(0).isInt() && v.get(1).isInt() && v.get(0).asInt() >= 0 && v.get(1).asInt() >= 0) {
            return new int[] {v.get(0).asInt(), v.get(1).asInt()};
        }
        problems.add("Conv2DTranspose option output_padding=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "')");
        return null;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Conv2DTranspose conv = (Conv2DTranspose) layer;
        config.put("filters", conv.filters());
        config.set("kernel_size", LayerOptions.ints(conv.kernelSize()));
        config.set("strides", LayerOptions.ints(conv.stride()));
        config.put("padding", conv.paddingMode().kerasName());
        if (conv.outputPadding() == null) {
            config.putNull("output_padding");
        } else {
            config.set("output_padding", LayerOptions.ints(conv.outputPadding()));
        }
        config.put("data_format", "channels_last");
        config.set("dilation_rate", LayerOptions.ints(1, 1));
        LayerOptions.writeActivation(config, conv.activation(), conv.name());
        config.put("use_bias", conv.hasBias());
        config.set("kernel_initializer", InitializerFormat.write(conv.kernelInitializer()));
        config.set("bias_initializer", InitializerFormat.write(conv.biasInitializer()));
        RegularizationOptions.write(conv, config);
    }
}
