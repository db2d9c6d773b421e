package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        int multiplier = layer.config().path("depth_multiplier").asInt(1);
        if (multiplier <= 0) {
            problems.add("DepthwiseConv2D option depth_multiplier=" + layer.config().get("depth_multiplier") + " (layer '" + layer.name() + "')");
        }
        ConvOptions options = ConvOptions.read(layer, problems, "depthwise");
        return LayerOptions.named(layer, problems, before, () -> options.applyTo(new DepthwiseConv2D(options.kernelSize())).depthMultiplier(multiplier));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        DepthwiseConv2D conv = (DepthwiseConv2D) layer;
        config.put("depth_multiplier", conv.depthMultiplier());
        ConvOptions.writeWindow(conv, config);
        ConvOptions.writeFormat(conv, config);
        ConvOptions.writeOutput(conv, config, "depthwise", () -> { });
        RegularizationOptions.write(conv, config, "depthwise");
    }
}
