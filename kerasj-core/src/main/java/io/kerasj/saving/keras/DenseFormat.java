package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.Layer;
import java.util.List;

/** Keras's {@code Dense}: units, activation and initializers, with a bias and no regularizers or constraints. */
final class DenseFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Dense.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        int units = layer.config().path("units").asInt(-1);
        if (units <= 0) {
            problems.add("Dense option units=" + layer.config().path("units") + " (layer '" + layer.name() + "')");
        }
        Activation activation = LayerOptions.activation(layer, problems);
        if (!layer.config().path("use_bias").asBoolean(true)) {
            problems.add("Dense option use_bias=false (layer '" + layer.name() + "')");
        }
        LayerOptions.mustBeNull(layer, problems, "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint", "quantization_config");
        if (layer.config().path("lora_rank").asInt(0) != 0) {
            problems.add("Dense option lora_rank=" + layer.config().get("lora_rank") + " (layer '" + layer.name() + "')");
        }
        Initializer kernel = InitializerFormat.read(layer, "kernel_initializer");
        Initializer bias = InitializerFormat.read(layer, "bias_initializer");
        if (problems.size() > before) {
            return null;
        }
        Dense dense = new Dense(units, activation, layer.name(), inputShape);
        if (kernel != null) {
            dense.kernelInitializer(kernel);
        }
        if (bias != null) {
            dense.biasInitializer(bias);
        }
        return dense;
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Dense dense = (Dense) layer;
        config.put("units", dense.units());
        LayerOptions.writeActivation(config, dense.activation(), dense.name());
        config.put("use_bias", true);
        config.set("kernel_initializer", InitializerFormat.write(dense.kernelInitializer()));
        config.set("bias_initializer", InitializerFormat.write(dense.biasInitializer()));
        for (String key : new String[] {"kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                "bias_constraint"}) {
            config.putNull(key);
        }
    }
}
