package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Rescaling;
import java.util.List;

/** Keras's {@code Rescaling}: scale and offset, each a number or one per channel (a list or a numpy array). */
final class RescalingFormat implements LayerFormat {
    private static final int MAX_CHANNELS = 1 << 16;

    @Override
    public Class<? extends Layer> layerClass() {
        return Rescaling.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        float[] scale = LayerOptions.numbers(layer, problems, "scale", MAX_CHANNELS);
        float[] offset = LayerOptions.numbers(layer, problems, "offset", MAX_CHANNELS);
        float[] s = scale == null ? new float[] {1} : scale;
        float[] o = offset == null ? new float[] {0} : offset;
        return LayerOptions.named(layer, problems, before, () -> new Rescaling(s, o));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Rescaling rescaling = (Rescaling) layer;
        config.set("scale", LayerOptions.numbersNode(rescaling.scale()));
        config.set("offset", LayerOptions.numbersNode(rescaling.offset()));
    }
}
