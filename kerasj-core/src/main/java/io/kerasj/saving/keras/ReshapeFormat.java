package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Reshape;
import java.util.List;

/** Keras's {@code Reshape(target_shape)}. */
final class ReshapeFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Reshape.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        JsonNode target = layer.config().get("target_shape");
        long[] shape = null;
        if (target != null && target.isArray() && target.size() > 0 && target.size() <= Limits.MAX_RANK) {
            shape = new long[target.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = target.get(i).isNull() ? -1 : target.get(i).asLong(0);
            }
        } else {
            problems.add("Reshape option target_shape=" + (target == null ? "none" : LayerOptions.shortText(target))
                    + " (layer '" + layer.name() + "')");
        }
        long[] fixed = shape;
        return LayerOptions.named(layer, problems, before, () -> new Reshape(fixed));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        ArrayNode target = config.putArray("target_shape");
        for (long d : ((Reshape) layer).targetShape()) {
            target.add(d);
        }
    }
}
