package io.kerasj.saving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.AlphaDropout;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code AlphaDropout} with a rate and no noise shape. */
final class AlphaDropoutFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return AlphaDropout.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        LayerOptions.mustBeNull(layer, problems, "noise_shape");
        double rate = layer.config().path("rate").asDouble(-1);
        if (!(rate >= 0 && rate < 1)) {
            problems.add("AlphaDropout option rate=" + layer.config().path("rate") + " (layer '" + layer.name() + "')");
        }
        return LayerOptions.named(layer, problems, before, () -> new AlphaDropout(rate));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("rate", LayerOptions.decimal(((AlphaDropout) layer).rate()));
        config.putNull("seed");
        config.putNull("noise_shape");
    }
}
