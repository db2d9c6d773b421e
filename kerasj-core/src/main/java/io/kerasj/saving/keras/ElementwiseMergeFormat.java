package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.ElementwiseMerge;
import io.kerasj.layers.Layer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keras's elementwise merge layers ({@code Add}, {@code Subtract}, {@code Multiply}, {@code Average},
 * {@code Maximum}, {@code Minimum}): a config of the common keys only. Their inputs come from the model's graph
 * ({@code inbound_nodes}), not from the config, so {@code read} ignores the input shape.
 */
final class ElementwiseMergeFormat implements LayerFormat {
    private final Class<? extends ElementwiseMerge> type;
    private final Supplier<? extends ElementwiseMerge> factory;

    /**
     * @param type the layer class
     * @param factory makes one
     */
    ElementwiseMergeFormat(Class<? extends ElementwiseMerge> type, Supplier<? extends ElementwiseMerge> factory) {
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
        return LayerOptions.named(layer, problems, before, factory);
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        // no keys besides name, trainable and dtype
    }
}
