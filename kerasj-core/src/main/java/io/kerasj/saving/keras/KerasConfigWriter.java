package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.models.Sequential;
import java.util.Map;

/** Writes a KerasJ model's {@code config.json} as Keras 3 writes a Sequential model's. */
final class KerasConfigWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasConfigWriter() {
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** @return Keras 3's serialized object {@code {"module", "class_name", "config", "registered_name": null}} */
    static ObjectNode object(String module, String className, ObjectNode config) {
        ObjectNode o = JSON.createObjectNode();
        o.put("module", module);
        o.put("class_name", className);
        o.set("config", config);
        o.putNull("registered_name");
        return o;
    }

    /**
     * @param model the model
     * @return its Keras 3 config
     * @throws KerasFileException naming a layer that has no registered format
     */
    static ObjectNode write(Sequential model, String file) {
        ObjectNode config = JSON.createObjectNode();
        config.put("name", model.name());
        config.put("trainable", true);
        config.put("dtype", "float32");
        ArrayNode layers = config.putArray("layers");
        ObjectNode input = JSON.createObjectNode();
        input.set("batch_shape", batchShape(model.inputShape()));
        input.put("dtype", "float32");
        input.put("sparse", false);
        input.put("name", "input_layer");
        layers.add(object("keras.layers", "InputLayer", input));
        for (Layer layer : model.layers()) {
            Map.Entry<String, LayerFormat> format = LayerRegistry.forLayer(layer).orElseThrow(() -> new KerasFileException(file
                    + ": cannot save layer '" + layer.name() + "' of class " + layer.className() + ": KerasJ saves "
                    + String.join(", ", LayerRegistry.supported())));
            ObjectNode c = JSON.createObjectNode();
            c.put("name", layer.name());
            c.put("trainable", true);
            c.put("dtype", "float32");
            format.getValue().write(layer, c);
            ObjectNode entry = object("keras.layers", format.getKey(), c);
            ObjectNode build = JSON.createObjectNode();
            build.set("input_shape", batchShape(layer.inputShape()));
            entry.set("build_config", build);
            layers.add(entry);
        }
        ObjectNode root = object("keras", "Sequential", config);
        ObjectNode build = JSON.createObjectNode();
        build.set("input_shape", batchShape(model.inputShape()));
        root.set("build_config", build);
        if (model.compileConfig() != null) {
            root.set("compile_config", CompileSettings.write(model.compileConfig(), model.learningRate()));
        }
        return root;
    }

    private static ArrayNode batchShape(long[] shape) {
        ArrayNode a = JSON.createArrayNode();
        a.addNull();
        for (long d : shape) {
            a.add(d);
        }
        return a;
    }
}
