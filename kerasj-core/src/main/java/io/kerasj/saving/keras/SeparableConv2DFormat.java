package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        int filters = ConvOptions.filters(layer, problems);
        int multiplier = layer.config().path("depth_multiplier").asInt(1);
        if (multiplier <= 0) {
            problems.add("SeparableConv2D option depth_multiplier=" + layer.config().path("depth_multiplier") + " (layer '" + layer.name() + "')");
        }
        ConvOptions options = ConvOptions.read(layer, problems, "depthwise");
        LayerOptions.mustBeNull(layer, problems, "pointwise_regularizer", "pointwise_constraint");
        Initializer pointwise = InitializerFormat.read(layer, "pointwise_initializer");
        return LayerOptions.named(layer, problems, before, () -> {
            SeparableConv2D conv = options.applyTo(new SeparableConv2D(filters, options.kernelSize())).depthMultiplier(multiplier);
            return pointwise == null ? conv : conv.pointwiseInitializer(pointwise);
        });
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        SeparableConv2D conv = (SeparableConv2D) layer;
        config.put("depth_multiplier", conv.depthMultiplier());
        config.put("filters", conv.filters());
        ConvOptions.writeWindow(conv, config);
        ConvOptions.writeFormat(conv, config);
        ConvOptions.writeOutput(conv, config, "depthwise",
                () -> config.set("pointwise_initializer", InitializerFormat.write(conv.pointwiseInitializer())));
        config.putNull("pointwise_regularizer");
        config.putNull("pointwise_constraint");
        RegularizationOptions.write(conv, config, "depthwise");
    }
}
