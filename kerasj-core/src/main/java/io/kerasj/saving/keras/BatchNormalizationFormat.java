package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * Keras's {@code BatchNormalization} over the last axis ({@code -1} or its positive index), with or without center
 * and scale: weights gamma (with scale), beta (with center), then the non-trainable moving_mean and moving_variance.
 */
final class BatchNormalizationFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return BatchNormalization.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        var axisNode = layer.config().get("axis");
        JsonNode single = axisNode != null && axisNode.isArray() && axisNode.size() == 1 ? axisNode.get(0) : axisNode;
        // -1, or a positive index, which build checks is the last axis (Keras Applications write axis=3 for images)
        boolean supported = single == null || single.isNull() || single.isInt() && (single.asInt() == -1 || single.asInt() >= 1);
        if (!supported || inputShape != null && single.isInt() && single.asInt() >= 1 && single.asInt() != inputShape.length) {
            problems.add("BatchNormalization option axis=" + axisNode + " (layer '" + layer.name() + "'; KerasJ normalizes the last axis)");
        }
        int axis = single == null || single.isNull() || !single.isInt() ? -1 : single.asInt();
        boolean center = flag(layer, problems, "center");
        boolean scale = flag(layer, problems, "scale");
        LayerOptions.mustBe(layer, problems, "synchronized", false);
        LayerOptions.mustBe(layer, problems, "renorm", false);
        LayerOptions.mustBeNull(layer, problems, "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
        double momentum = layer.config().path("momentum").asDouble(0.99);
        double epsilon = layer.config().path("epsilon").asDouble(1e-3);
        return LayerOptions.named(layer, problems, before, () -> new BatchNormalization(momentum, epsilon, layer.name()).axis(axis).center(center).scale(scale));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        BatchNormalization bn = (BatchNormalization) layer;
        config.put("axis", bn.axis());
        config.put("momentum", LayerOptions.decimal(bn.momentum()));
        config.put("epsilon", LayerOptions.decimal(bn.epsilon()));
        config.put("center", bn.center());
        config.put("scale", bn.scale());
        config.set("beta_initializer", initializer("Zeros"));
        config.set("gamma_initializer", initializer("Ones"));
        config.set("moving_mean_initializer", initializer("Zeros"));
        config.set("moving_variance_initializer", initializer("Ones"));
        for (String key : new String[] {"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"}) {
            config.putNull(key);
        }
        config.put("synchronized", false);
    }

    /** @return the option's value: true when absent or null; a value that is not a boolean is recorded */
    private static boolean flag(LayerConfig layer, List<String> problems, String key) {
        JsonNode v = layer.config().get(key);
        if (v != null && !v.isNull() && !v.isBoolean()) {
            problems.add("BatchNormalization option " + key + "=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "')");
        }
        return v == null || !v.isBoolean() || v.asBoolean();
    }

    private static ObjectNode initializer(String className) {
        return KerasConfigWriter.object("keras.initializers", className, KerasConfigWriter.json().createObjectNode());
    }
}
