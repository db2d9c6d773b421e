package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Conv2D;
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
        int filters = ConvOptions.filters(layer, problems);
        ConvOptions options = ConvOptions.read(layer, problems, "kernel");
        int groups = layer.config().path("groups").asInt(1);
        if (groups <= 0) {
            problems.add("Conv2D option groups=" + layer.config().get("groups") + " (layer '" + layer.name() + "')");
        }
        return LayerOptions.named(layer, problems, before, () -> options.applyTo(new Conv2D(filters, options.kernelSize())).groups(groups));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Conv2D conv = (Conv2D) layer;
        config.put("filters", conv.filters());
        ConvOptions.writeWindow(conv, config);
        ConvOptions.writeFormat(conv, config);
        config.put("groups", conv.groups());
        ConvOptions.writeOutput(conv, config, "kernel", () -> { });
        RegularizationOptions.write(conv, config);
    }
}
