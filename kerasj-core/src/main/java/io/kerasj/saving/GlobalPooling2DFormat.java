package io.kerasj.saving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.GlobalPooling2D;
import io.kerasj.layers.Layer;
import java.util.List;
import java.util.function.Supplier;

/** Keras's {@code GlobalAveragePooling2D} and {@code GlobalMaxPooling2D}: channels_last, without keepdims. */
final class GlobalPooling2DFormat implements LayerFormat {
    private final Class<? extends GlobalPooling2D> type;
    private final Supplier<GlobalPooling2D> factory;

    GlobalPooling2DFormat(Class<? extends GlobalPooling2D> type, Supplier<GlobalPooling2D> factory) {
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
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        LayerOptions.mustBe(layer, problems, "keepdims", false);
        return LayerOptions.named(layer, problems, before, factory);
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("data_format", "channels_last");
        config.put("keepdims", false);
    }
}
