package io.kerasj.saving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Pooling2D;
import java.util.List;

/** Keras's {@code MaxPooling2D} and {@code AveragePooling2D}: pool_size, strides, padding, channels_last. */
final class Pooling2DFormat implements LayerFormat {
    /** Makes a pooling layer from pool size, strides and padding. */
    interface Factory {
        Pooling2D create(int[] poolSize, int[] strides, String padding);
    }

    private final Class<? extends Pooling2D> type;
    private final Factory factory;

    Pooling2DFormat(Class<? extends Pooling2D> type, Factory factory) {
        this.type = type;
        this.factory = factory;
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return type;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int[] pool = LayerOptions.pair(layer, problems, "pool_size", new int[] {2, 2});
        int[] strides = LayerOptions.pair(layer, problems, "strides", pool);
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        String padding = layer.text("padding").orElse("valid");
        return LayerOptions.named(layer, problems, before, () -> factory.create(pool, strides, padding));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Pooling2D pooling = (Pooling2D) layer;
        config.set("pool_size", LayerOptions.ints(pooling.poolSize()));
        config.put("padding", pooling.paddingMode().kerasName());
        config.set("strides", LayerOptions.ints(pooling.stride()));
        config.put("data_format", "channels_last");
    }
}
