package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * Keras's {@code Concatenate(axis=-1)}. Its inputs come from the model's graph ({@code inbound_nodes}), not from the
 * config, so {@code read} ignores the input shape; the axis is checked against them when the layer is built.
 */
final class ConcatenateFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Concatenate.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        JsonNode axis = layer.config().get("axis");
        if (axis != null && !axis.isNull() && !(axis.isInt() && Math.abs(axis.asInt()) <= Limits.MAX_RANK)) {
            problems.add("Concatenate option axis=" + LayerOptions.shortText(axis) + " (layer '" + layer.name() + "')");
        }
        int along = axis == null || axis.isNull() ? -1 : axis.asInt();
        return LayerOptions.named(layer, problems, before, () -> new Concatenate(along));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("axis", ((Concatenate) layer).axis());
    }
}
