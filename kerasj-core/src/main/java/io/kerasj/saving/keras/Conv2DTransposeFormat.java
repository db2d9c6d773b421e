package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Conv2DTranspose;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Conv2DTranspose}: channels_last, dilation 1, with output_padding; kernel then bias. */
final class Conv2DTransposeFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Conv2DTranspose.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        int filters = ConvOptions.filters(layer, problems);
        ConvOptions options = ConvOptions.read(layer, problems, "kernel");
        if (options.dilation() != null && (options.dilation()[0] != 1 || options.dilation()[1] != 1)) {
            problems.add("Conv2DTranspose option dilation_rate=" + layer.config().get("dilation_rate") + " (layer '" + layer.name() + "')");
        }
        int[] outputPadding = outputPadding(layer, problems);
        return LayerOptions.named(layer, problems, before,
                () -> options.applyTo(new Conv2DTranspose(filters, options.kernelSize())).outputPadding(outputPadding));
    }

    /** @return null (Keras's None), or two ints >= 0 */
    private static int[] outputPadding(LayerConfig layer, List<String> problems) {
        JsonNode v = layer.config().get("output_padding");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isInt() && v.asInt() >= 0) {
            return new int[] {v.asInt(), v.asInt()};
        }
        if (v.isArray() && v.size() == 2 && v.get(0).isInt() && v.get(1).isInt() && v.get(0).asInt() >= 0 && v.get(1).asInt() >= 0) {
            return new int[] {v.get(0).asInt(), v.get(1).asInt()};
        }
        problems.add("Conv2DTranspose option output_padding=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "')");
        return null;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Conv2DTranspose conv = (Conv2DTranspose) layer;
        config.put("filters", conv.filters());
        ConvOptions.writeWindow(conv, config);
        if (conv.outputPadding() == null) {
            config.putNull("output_padding");
        } else {
            config.set("output_padding", LayerOptions.ints(conv.outputPadding()));
        }
        ConvOptions.writeFormat(conv, config);
        ConvOptions.writeOutput(conv, config, "kernel", () -> { });
        RegularizationOptions.write(conv, config);
    }
}
