package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import java.util.List;

/** A jar's {@link LayerFormat} (listed in the tests' META-INF/services): Keras's {@code keras.layers.Identity}. */
public final class IdentityFormat implements LayerFormat {

    /** Called by {@link java.util.ServiceLoader}. */
    public IdentityFormat() {
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return IdentityLayer.class;
    }

    @Override
    public String kerasClassName() {
        return "Identity";
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        IdentityLayer identity = new IdentityLayer();
        identity.setName(layer.name());
        return identity;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        // Keras's Identity has no options of its own
    }
}
