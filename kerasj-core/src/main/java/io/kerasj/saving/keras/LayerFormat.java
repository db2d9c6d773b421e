package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * How one Keras layer class maps to a KerasJ layer, both ways. Register an implementation in {@link LayerRegistry}
 * to make a new layer loadable from and savable to {@code .keras}/{@code .h5} files.
 */
public interface LayerFormat {

    /** @return the KerasJ class this format writes */
    Class<? extends Layer> layerClass();

    /**
     * Builds the KerasJ layer from its Keras config, or records why it cannot.
     *
     * @param layer the layer's config
     * @param inputShape the model's per-sample input shape when this is the first layer, else null
     * @param problems where to add one short phrase per unsupported option, e.g. {@code Dense option use_bias=false
     *     (layer 'dense')}
     * @return the layer, or null when a problem was recorded
     */
    Layer read(LayerConfig layer, long[] inputShape, List<String> problems);

    /**
     * Writes the layer's Keras 3 config (without name, trainable and dtype, which the writer adds).
     *
     * @param layer a layer of {@link #layerClass()}
     * @param config the object to fill
     */
    void write(Layer layer, ObjectNode config);
}
