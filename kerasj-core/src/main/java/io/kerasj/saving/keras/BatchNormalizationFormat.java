package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * Keras's {@code BatchNormalization} over the last axis: weights gamma (with {@code scale}), beta (with {@code center}),
 * then the non-trainable moving_mean and moving_variance.
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
        var axis = layer.config().get("axis");
        boolean last = axis == null || axis.isNull() || axis.isInt() && axis.asInt() == -1
                || axis.isArray() && axis.size() == 1 && axis.get(0).asInt() == -1
                || inputShape != null && axis.isInt() && axis.asInt() == inputShape.length;
        if (!last) {
            problems.add("BatchNormalization option axis=" + axis + " (layer '" + layer.name() + "'; KerasJ normalizes axis -1)");
        }
        LayerOptions.mustBe(layer, problems, "synchronized", false);
        LayerOptions.mustBe(layer, problems, "renorm", false);
        LayerOptions.mustBeNull(layer, problems, "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
        double momentum = layer.config().path("momentum").asDouble(0.99);
        double epsilon = layer.config().path("epsilon").asDouble(1e-3);
        boolean center = layer.config().path("center").asBoolean(true);
        boolean scale = layer.config().path("scale").asBoolean(true);
        return LayerOptions.named(layer, problems, before,
                () -> new BatchNormalization(momentum, epsilon, layer.name()).center(center).scale(scale));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        BatchNormalization bn = (BatchNormalization) layer;
        config.put("axis", -1);
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

    private static ObjectNode initializer(String className) {
        return KerasConfigWriter.object("keras.initializers", className, KerasConfigWriter.json().createObjectNode());
    }
}
