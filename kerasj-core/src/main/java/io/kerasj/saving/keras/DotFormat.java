package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Dot;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * Keras's {@code Dot(axes, normalize=False)}: {@code axes} one int or a pair. Its inputs come from the model's graph
 * ({@code inbound_nodes}), not from the config, so {@code read} ignores the input shape; the axes are checked against
 * them when the layer is built.
 */
final class DotFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Dot.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        JsonNode axes = layer.config().get("axes");
        boolean single = axes != null && isAxis(axes);
        boolean pair = axes != null && axes.isArray() && axes.size() == 2 && isAxis(axes.get(0)) && isAxis(axes.get(1));
        if (!single && !pair) {
            problems.add("Dot option axes=" + (axes == null ? "none" : LayerOptions.shortText(axes)) + " (layer '" + layer.name() + "')");
        }
        JsonNode normalize = layer.config().get("normalize");
        if (normalize != null && !normalize.isNull() && !normalize.isBoolean()) {
            problems.add("Dot option normalize=" + LayerOptions.shortText(normalize) + " (layer '" + layer.name() + "')");
        }
        boolean normalized = normalize != null && normalize.asBoolean(false);
        return LayerOptions.named(layer, problems, before,
                () -> (single ? new Dot(axes.asInt()) : new Dot(axes.get(0).asInt(), axes.get(1).asInt())).normalize(normalized));
    }

    private static boolean isAxis(JsonNode node) {
        return node.isInt() && Math.abs(node.asInt()) <= Limits.MAX_RANK;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Dot dot = (Dot) layer;
        int[] axes = dot.axes();
        if (axes.length == 1) {
            config.put("axes", axes[0]);
        } else {
            config.set("axes", LayerOptions.ints(axes));
        }
        config.put("normalize", dot.normalize());
    }
}
