package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Cropping2D;
import io.kerasj.layers.Layer;
import io.kerasj.layers.ZeroPadding2D;
import java.util.List;
import java.util.function.Function;

/**
 * Keras's {@code ZeroPadding2D} ({@code padding}) and {@code Cropping2D} ({@code cropping}): channels_last, the amounts
 * as one int, {@code [rows, cols]} or {@code [[top, bottom], [left, right]]} (Keras 3 writes the last).
 */
final class SideAmountsFormat implements LayerFormat {
    private final Class<? extends Layer> type;
    private final String key;
    private final Function<int[][], Layer> create;
    private final Function<Layer, int[][]> amounts;

    private SideAmountsFormat(Class<? extends Layer> type, String key, Function<int[][], Layer> create, Function<Layer, int[][]> amounts) {
        this.type = type;
        this.key = key;
        this.create = create;
        this.amounts = amounts;
    }

    static SideAmountsFormat zeroPadding() {
        return new SideAmountsFormat(ZeroPadding2D.class, "padding", ZeroPadding2D::new, layer -> ((ZeroPadding2D) layer).padding());
    }

    static SideAmountsFormat cropping() {
        return new SideAmountsFormat(Cropping2D.class, "cropping", Cropping2D::new, layer -> ((Cropping2D) layer).cropping());
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return type;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        int[][] sides = sides(layer.config().get(key));
        if (sides == null) {
            JsonNode v = layer.config().get(key);
            problems.add(layer.className() + " option " + key + "=" + (v == null ? "missing" : LayerOptions.shortText(v)) + " (layer '" + layer.name() + "')");
        }
        return LayerOptions.named(layer, problems, before, () -> create.apply(sides));
    }

    /** @return {@code [[top, bottom], [left, right]]}, or null when the value has another form */
    private static int[][] sides(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isInt()) {
            return new int[][] {{v.asInt(), v.asInt()}, {v.asInt(), v.asInt()}};
        }
        if (!v.isArray() || v.size() != 2) {
            return null;
        }
        int[][] out = new int[2][];
        for (int axis = 0; axis < 2; axis++) {
            JsonNode a = v.get(axis);
            if (a.isInt()) {
                out[axis] = new int[] {a.asInt(), a.asInt()};
            } else if (a.isArray() && a.size() == 2 && a.get(0).isInt() && a.get(1).isInt()) {
                out[axis] = new int[] {a.get(0).asInt(), a.get(1).asInt()};
            } else {
                return null;
            }
        }
        return out;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        ArrayNode sides = config.putArray(key);
        for (int[] pair : amounts.apply(layer)) {
            sides.add(LayerOptions.ints(pair));
        }
        config.put("data_format", "channels_last");
    }
}
