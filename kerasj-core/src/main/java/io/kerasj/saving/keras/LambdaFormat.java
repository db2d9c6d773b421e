package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Lambda;
import io.kerasj.layers.Layer;
import java.util.List;

/**
 * Keras's {@code Lambda} with a registered function, both ways. A Python lambda's bytecode ({@code "__lambda__"}) is
 * refused, as Keras's safe mode refuses it (and Java could not run it anyway); so are {@code arguments}, a
 * {@code mask} and an {@code output_shape} function, which KerasJ's Lambda lacks.
 */
final class LambdaFormat implements LayerFormat {
    @Override
    public Class<? extends Layer> layerClass() {
        return Lambda.class;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        JsonNode function = layer.config().get("function");
        Activation resolved = null;
        if (function == null || function.isNull()) {
            problems.add("Lambda '" + layer.name() + "' without a function");
        } else if (function.path("class_name").asText("").equals("__lambda__")) {
            problems.add("Lambda '" + layer.name() + "': its function is Python bytecode, which is never loaded (Keras's safe mode "
                    + "refuses it too); register the function under a name and save it again");
        } else if (CustomObjectFormat.isFunction(function)) {
            resolved = CustomObjectFormat.readIfRegistered(function, Activation.class).orElse(null);
            if (resolved == null) {
                problems.add("Lambda '" + layer.name() + "' function " + CustomObjectFormat.nameOf(function)
                        + ": nothing is registered by that name (ObjectRegistration.registerKerasSerializable)");
            }
        } else {
            problems.add("Lambda '" + layer.name() + "' function=" + LayerOptions.shortText(function));
        }
        JsonNode arguments = layer.config().get("arguments");
        if (arguments != null && !arguments.isNull() && !(arguments.isObject() && arguments.isEmpty())) {
            problems.add("Lambda '" + layer.name() + "' arguments=" + LayerOptions.shortText(arguments));
        }
        LayerOptions.mustBeNull(layer, problems, "mask", "output_shape");
        Activation fn = resolved;
        return LayerOptions.named(layer, problems, before, () -> new Lambda(fn, layer.name()));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        Lambda lambda = (Lambda) layer;
        config.set("function", CustomObjectFormat.write(lambda.function(), null, "Lambda '" + layer.name()
                + "' (Keras saves an unregistered function as Python bytecode, which its safe mode refuses to load)"));
        config.set("arguments", config.objectNode());
    }
}
