package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * How one Keras layer class maps to a KerasJ layer, both ways: a service provider interface. KerasJ's own formats are
 * built in; a jar adds formats by listing its implementations (public, with a public no-argument constructor) in
 * {@code META-INF/services/io.kerasj.saving.keras.LayerFormat} (or {@code provides} in its {@code module-info}),
 * found with {@link java.util.ServiceLoader} by {@link LayerRegistry}. A layer class of the user's own, saved with
 * Keras's {@code get_config} / {@code from_config}, needs no format: register it with
 * {@link io.kerasj.saving.ObjectRegistration#registerKerasSerializable} instead.
 */
public interface LayerFormat {

    /** @return the KerasJ class this format writes (exactly this class: a subclass is a class of its own) */
    Class<? extends Layer> layerClass();

    /**
     * @return the Keras class name a file gives ({@code class_name}), e.g. {@code Dense}; by default the simple name
     *     of {@link #layerClass()}
     */
    default String kerasClassName() {
        return layerClass().getSimpleName();
    }

    /** @return the Python module Keras writes for the class ({@code module}): {@code keras.layers} by default */
    default String module() {
        return "keras.layers";
    }

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
