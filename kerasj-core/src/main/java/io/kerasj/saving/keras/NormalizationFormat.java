package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Normalization;
import java.util.List;

/**
 * Keras's {@code Normalization} over the last axis with its statistics in the weights (mean, variance, count), as
 * {@code adapt} leaves them; {@code invert} and statistics given in the config are refused.
 */
final class NormalizationFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Normalization.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        var axis = layer.config().get("axis");
        boolean last = axis == null || axis.isNull() || axis.isInt() && axis.asInt() == -1
                || axis.isArray() && axis.size() == 1 && axis.get(0).asInt() == -1;
        if (!last) {
            problems.add("Normalization option axis=" + axis + " (layer '" + layer.name() + "'; KerasJ normalizes axis -1)");
        }
        LayerOptions.mustBe(layer, problems, "invert", false);
        LayerOptions.mustBeNull(layer, problems, "mean", "variance");
        return LayerOptions.named(layer, problems, before, Normalization::new);
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.putArray("axis").add(-1);
        config.put("invert", false);
        config.putNull("mean");
        config.putNull("variance");
    }
}
