package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Activation} layer, with any activation KerasJ has by name. */
final class ActivationFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return ActivationLayer.class;
    }

    @Override
    public String kerasClassName() {
        return "Activation";
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        Activation activation = LayerOptions.activation(layer, problems);
        return LayerOptions.named(layer, problems, before, () -> new ActivationLayer(activation));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("activation", ((ActivationLayer) layer).activation().kerasName());
    }
}
