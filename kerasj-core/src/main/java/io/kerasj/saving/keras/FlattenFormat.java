package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Flatten} in {@code channels_last} order. */
final class FlattenFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Flatten.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        String format = layer.text("data_format").orElse("channels_last");
        if (!format.equals("channels_last")) {
            problems.add("Flatten option data_format='" + format + "' (layer '" + layer.name() + "')");
        }
        if (problems.size() > before) {
            return null;
        }
        return inputShape == null ? new Flatten(layer.name(), (long[]) null) : new Flatten(layer.name(), inputShape);
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("data_format", "channels_last");
    }
}
