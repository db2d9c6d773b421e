package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.UpSampling2D;
import java.util.List;

/** Keras's {@code UpSampling2D}: channels_last, size, interpolation {@code nearest} or {@code bilinear}. */
final class UpSampling2DFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return UpSampling2D.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int[] size = LayerOptions.pair(layer, problems, "size", new int[] {2, 2});
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        LayerOptions.mustBe(layer, problems, "interpolation", "nearest", "bilinear");
        String interpolation = layer.text("interpolation").orElse("nearest");
        return LayerOptions.named(layer, problems, before, () -> new UpSampling2D(size).interpolation(interpolation));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        UpSampling2D up = (UpSampling2D) layer;
        config.set("size", LayerOptions.ints(up.size()));
        config.put("data_format", "channels_last");
        config.put("interpolation", up.interpolation());
    }
}
