package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.RandomDropLayer;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Keras's {@code Dropout} and {@code AlphaDropout}: a rate and no noise shape (the seed is the model's, as KerasJ
 * seeds dropout).
 */
final class DropoutFormat implements LayerFormat {
    private final Class<? extends RandomDropLayer> type;
    private final DoubleFunction<RandomDropLayer> factory;

    /**
     * @param type the layer class
     * @param factory makes one from its rate
     */
    DropoutFormat(Class<? extends RandomDropLayer> type, DoubleFunction<RandomDropLayer> factory) {
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
        LayerOptions.mustBeNull(layer, problems, "noise_shape");
        double rate = layer.config().path("rate").asDouble(-1);
        if (!(rate >= 0 && rate < 1)) {
            problems.add(type.getSimpleName() + " option rate=" + layer.config().path("rate") + " (layer '" + layer.name() + "')");
        }
        return LayerOptions.named(layer, problems, before, () -> factory.apply(rate));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("rate", LayerOptions.decimal(((RandomDropLayer) layer).rate()));
        config.putNull("seed");
        config.putNull("noise_shape");
    }
}
