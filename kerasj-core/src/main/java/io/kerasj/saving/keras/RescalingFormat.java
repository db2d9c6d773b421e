package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Rescaling;
import java.util.List;

/** Keras's {@code Rescaling(scale, offset=0.0)} with scalar scale and offset. */
final class RescalingFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Rescaling.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        for (String key : new String[] {"scale", "offset"}) {
            var v = layer.config().get(key);
            if (v != null && !v.isNumber()) {
                problems.add("Rescaling option " + key + "=" + LayerOptions.shortText(v) + " (layer '" + layer.name()
                        + "'; KerasJ takes a number)");
            }
        }
        double scale = layer.config().path("scale").asDouble(1);
        double offset = layer.config().path("offset").asDouble(0);
        return LayerOptions.named(layer, problems, before, () -> new Rescaling(scale, offset));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Rescaling rescaling = (Rescaling) layer;
        config.put("scale", LayerOptions.decimal(rescaling.scale()));
        config.put("offset", LayerOptions.decimal(rescaling.offset()));
    }
}
