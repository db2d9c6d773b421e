package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.AlphaDropout;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Layer;
import io.kerasj.layers.RandomDropLayer;
import io.kerasj.layers.SpatialDropout2D;
import java.util.List;

/**
 * Keras's {@code Dropout} (rate, noise_shape, seed), {@code SpatialDropout2D} (rate, seed) and {@code AlphaDropout}
 * (rate; no noise shape). KerasJ draws the masks from the model's seed; a layer's {@code seed} is kept for the file.
 */
final class DropoutFormat implements LayerFormat {
    private static final int MAX_RANK = 32;
    private final Class<? extends RandomDropLayer> type;

    /** @param type {@link Dropout}, {@link SpatialDropout2D} or {@link AlphaDropout} */
    DropoutFormat(Class<? extends RandomDropLayer> type) {
        this.type = type;
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return type;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        double rate = layer.config().path("rate").asDouble(-1);
        if (!layer.config().path("rate").isNumber() || !(rate >= 0 && rate < 1)) {
            problems.add(type.getSimpleName() + " option rate=" + layer.config().path("rate") + " (layer '" + layer.name() + "')");
        }
        if (type == AlphaDropout.class) {
            LayerOptions.mustBeNull(layer, problems, "noise_shape");
            return LayerOptions.named(layer, problems, before, () -> new AlphaDropout(rate));
        }
        Integer seed = LayerOptions.seed(layer, problems);
        if (type == SpatialDropout2D.class) {
            LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
            return LayerOptions.named(layer, problems, before, () -> new SpatialDropout2D(rate, seed, null));
        }
        long[] noiseShape = noiseShape(layer, problems);
        return LayerOptions.named(layer, problems, before, () -> new Dropout(rate, noiseShape, seed, null));
    }

    private static long[] noiseShape(LayerConfig layer, List<String> problems) {
        JsonNode v = layer.config().get("noise_shape");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray() && v.size() >= 1 && v.size() <= MAX_RANK) {
            long[] shape = new long[v.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = v.get(i);
                if (d.isNull()) {
                    shape[i] = Dropout.BATCH;
                } else if (d.isIntegralNumber() && d.canConvertToInt() && d.asInt() > 0) {
                    shape[i] = d.asInt();
                } else {
                    shape = null;
                    break;
                }
            }
            if (shape != null) {
                return shape;
            }
        }
        problems.add(layer.className() + " option noise_shape=" + LayerOptions.shortText(v) + " (layer '" + layer.name()
                + "'; expected a list of positive integers or null)");
        return null;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("rate", LayerOptions.decimal(((RandomDropLayer) layer).rate()));
        if (layer instanceof Dropout dropout) {
            if (dropout.seed() == null) {
                config.putNull("seed");
            } else {
                config.put("seed", dropout.seed());
            }
            if (layer instanceof SpatialDropout2D) {
                config.remove("trainable"); // Keras 3's SpatialDropout2D takes no trainable argument
                config.put("data_format", "channels_last");
                return;
            }
            long[] shape = dropout.noiseShape();
            if (shape == null) {
                config.putNull("noise_shape");
            } else {
                var a = config.putArray("noise_shape");
                for (long d : shape) {
                    if (d == Dropout.BATCH) {
                        a.addNull();
                    } else {
                        a.add(d);
                    }
                }
            }
        } else {
            config.putNull("seed");
            config.putNull("noise_shape");
        }
    }
}
