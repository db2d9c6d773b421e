package io.kerasj.saving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Dropout} with a rate and no noise shape (its seed is the model's, as KerasJ seeds dropout). */
final class DropoutFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Dropout.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        LayerOptions.mustBeNull(layer, problems, "noise_shape");
        double rate = layer.config().path("rate").asDouble(-1);
        if (!(rate >= 0 && rate < 1)) {
            problems.add("Dropout option rate=" + layer.config().path("rate") + " (layer '" + layer.name() + "')");
        }
        return problems.size() > before ? null : new Dropout(rate, layer.name());
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("rate", Double.parseDouble(Float.toString(((Dropout) layer).rate())));
        config.putNull("seed");
        config.putNull("noise_shape");
    }
}
