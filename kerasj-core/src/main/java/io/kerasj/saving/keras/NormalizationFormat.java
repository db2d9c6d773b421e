package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Normalization;
import java.util.List;

/**
 * Keras's {@code Normalization} over the last axis ({@code -1}, or its index), not inverted; its statistics either
 * weights (adapted or set) or a given {@code mean} and {@code variance} (a number or one per feature).
 */
final class NormalizationFormat implements LayerFormat {
    private static final int MAX_FEATURES = 1 << 20;

    @Override
    public Class<? extends Layer> layerClass() {
        return Normalization.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        JsonNode v = layer.config().get("axis");
        if (v != null && v.isArray() && v.size() == 1) {
            v = v.get(0);
        }
        int axis = -1;
        if (v != null && !v.isNull()) {
            if (v.isIntegralNumber() && v.canConvertToInt() && (v.asInt() == -1 || v.asInt() >= 1)) {
                axis = v.asInt();
            } else {
                problems.add("Normalization option axis=" + LayerOptions.shortText(layer.config().get("axis")) + " (layer '"
                        + layer.name() + "'; KerasJ normalizes the last axis)");
            }
        }
        LayerOptions.mustBe(layer, problems, "invert", false);
        float[] mean = LayerOptions.numbers(layer, problems, "mean", MAX_FEATURES);
        float[] variance = LayerOptions.numbers(layer, problems, "variance", MAX_FEATURES);
        if ((mean == null) != (variance == null) && problems.size() == before) {
            problems.add("Normalization (layer '" + layer.name() + "'): a mean needs a variance and a variance a mean");
        }
        int chosen = axis;
        return LayerOptions.named(layer, problems, before, () -> new Normalization(chosen, mean, variance));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Normalization normalization = (Normalization) layer;
        config.putArray("axis").add(normalization.axis());
        config.put("invert", false);
        float[] mean = normalization.givenMean();
        if (mean == null) {
            config.putNull("mean");
            config.putNull("variance");
        } else {
            config.set("mean", LayerOptions.numbersNode(mean));
            config.set("variance", LayerOptions.numbersNode(normalization.givenVariance()));
        }
    }
}
