package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.layers.ResidualBlock;
import java.util.List;

/**
 * A test-only {@link LayerFormat} for the test layer {@link ResidualBlock} (its only argument {@code filters}), so
 * that its {@code .keras} files round-trip before custom layers get their generic config format; the weights are
 * what these tests check.
 */
final class ResidualBlockFormat implements LayerFormat {

    /** Registers the format under the class name Keras writes for the Python twin ({@code ResidualBlock}). */
    static void register() {
        LayerRegistry.register("ResidualBlock", new ResidualBlockFormat());
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return ResidualBlock.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int filters = layer.config().path("filters").asInt(-1);
        if (filters <= 0) {
            problems.add("ResidualBlock option filters=" + layer.config().path("filters") + " (layer '" + layer.name() + "')");
            return null;
        }
        ResidualBlock block = new ResidualBlock(filters);
        block.setName(layer.name());
        return block;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        config.put("filters", ((ResidualBlock) layer).filters());
    }
}
