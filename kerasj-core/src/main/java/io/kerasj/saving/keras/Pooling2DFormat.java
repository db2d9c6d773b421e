package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.GlobalPooling2D;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Pooling2D;
import java.util.List;

/**
 * Keras's 2D pooling layers on channels_last images: {@code MaxPooling2D} and {@code AveragePooling2D} with
 * pool_size, strides and padding ({@link #windowed}); {@code GlobalAveragePooling2D} and {@code GlobalMaxPooling2D}
 * with or without keepdims ({@link #global}).
 */
final class Pooling2DFormat implements LayerFormat {
    /** Makes a pooling layer from pool size, strides and padding. */
    interface Factory {
        Pooling2D create(int[] poolSize, int[] strides, String padding);
    }

    private final Class<? extends Layer> type;
    private final Factory windowed;
    private final java.util.function.Function<Boolean, GlobalPooling2D> global;

    private Pooling2DFormat(Class<? extends Layer> type, Factory windowed, java.util.function.Function<Boolean, GlobalPooling2D> global) {
        this.type = type;
        this.windowed = windowed;
        this.global = global;
    }

    /**
     * @param type {@code MaxPooling2D} or {@code AveragePooling2D}
     * @param factory makes one from pool size, strides and padding
     * @return the format
     */
    static Pooling2DFormat windowed(Class<? extends Pooling2D> type, Factory factory) {
        return new Pooling2DFormat(type, factory, null);
    }

    /**
     * @param type {@code GlobalAveragePooling2D} or {@code GlobalMaxPooling2D}
     * @param factory makes one
     * @return the format
     */
    static Pooling2DFormat global(Class<? extends GlobalPooling2D> type, java.util.function.Function<Boolean, GlobalPooling2D> factory) {
        return new Pooling2DFormat(type, null, factory);
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return type;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        if (global != null) {
            LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
            var keepdims = layer.config().get("keepdims");
            if (keepdims != null && !keepdims.isNull() && !keepdims.isBoolean()) {
                problems.add(layer.className() + " option keepdims=" + LayerOptions.shortText(keepdims) + " (layer '"
                        + layer.name() + "'; expected true or false)");
            }
            boolean keep = keepdims != null && keepdims.asBoolean(false);
            return LayerOptions.named(layer, problems, before, () -> global.apply(keep));
        }
        int[] pool = LayerOptions.pair(layer, problems, "pool_size", new int[] {2, 2});
        int[] strides = LayerOptions.pair(layer, problems, "strides", pool);
        LayerOptions.mustBe(layer, problems, "padding", "valid", "same");
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
        String padding = layer.text("padding").orElse("valid");
        return LayerOptions.named(layer, problems, before, () -> windowed.create(pool, strides, padding));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        if (layer instanceof Pooling2D pooling) {
            config.set("pool_size", LayerOptions.ints(pooling.poolSize()));
            config.put("padding", pooling.paddingMode().kerasName());
            config.set("strides", LayerOptions.ints(pooling.stride()));
        }
        config.put("data_format", "channels_last");
        if (global != null) {
            config.put("keepdims", ((GlobalPooling2D) layer).keepdims());
        }
    }
}
