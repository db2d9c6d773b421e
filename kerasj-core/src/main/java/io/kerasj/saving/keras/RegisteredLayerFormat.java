package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Layer;
import io.kerasj.saving.ObjectRegistration;
import io.kerasj.saving.RegisteredObjects;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The format of every layer class registered with {@link ObjectRegistration#registerKerasSerializable}: Keras 3's
 * entry for a custom layer. Saving writes {@code module} (the Java package), {@code class_name} (the class's simple
 * name), {@code config} (the layer's {@link Layer#getConfig()}, with {@code dtype} as Keras's {@code DTypePolicy}) and
 * {@code registered_name} ({@code "package>name"}); a registered subclass of a built-in layer writes its parent's
 * Keras config first, then its own {@code getConfig()} entries over it. Loading calls the registered
 * {@code fromConfig} with the config ({@code dtype} as its name, {@code "float32"}); the graph replay then builds the
 * layer on its inputs.
 */
final class RegisteredLayerFormat implements LayerFormat {
    private final ObjectRegistration.Registered registered;

    /** @param registered a registered subclass of {@link Layer} */
    RegisteredLayerFormat(ObjectRegistration.Registered registered) {
        this.registered = registered;
    }

    /**
     * @param entry a layer's entry in a saved config
     * @return the format of the registered layer class it names, if the program registered one
     */
    static Optional<LayerFormat> forEntry(JsonNode entry) {
        return CustomObjectFormat.lookup(entry).filter(r -> !r.isFunction() && Layer.class.isAssignableFrom(r.type()))
                .map(RegisteredLayerFormat::new);
    }

    /**
     * @param layer a layer
     * @return the format of its class, if that exact class is registered
     */
    static Optional<LayerFormat> forLayer(Layer layer) {
        return ObjectRegistration.getRegisteredName(layer.getClass()).flatMap(ObjectRegistration::getRegisteredObject)
                .filter(r -> r.type() == layer.getClass()).map(RegisteredLayerFormat::new);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Layer> layerClass() {
        return (Class<? extends Layer>) registered.type();
    }

    @Override
    public String kerasClassName() {
        return RegisteredObjects.className(registered);
    }

    @Override
    public String module() {
        return registered.type().getPackageName();
    }

    /** @return the key the class is registered under, {@code "package>name"} */
    String registeredName() {
        return registered.registeredName();
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        if (problems.size() > before) {
            return null;
        }
        ObjectNode config = layer.config().isObject() ? layer.config().deepCopy() : KerasConfigWriter.json().createObjectNode();
        config.put("dtype", "float32");
        ObjectNode entry = KerasConfigWriter.json().createObjectNode();
        entry.set("class_name", layer.entry().get("class_name"));
        entry.set("config", config);
        entry.put("registered_name", registered.registeredName());
        try {
            Layer made = CustomObjectFormat.read(entry, Layer.class);
            if (!layer.name().equals(made.name())) {
                made.setName(layer.name());
            }
            return made;
        } catch (RuntimeException e) {
            problems.add(registered.registeredName() + " (layer '" + layer.name() + "'): its fromConfig failed: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        builtInParent(layer.getClass()).ifPresent(parent -> parent.write(layer, config));
        Map<String, Object> own = layer.getConfig();
        RegisteredObjects.checkJsonValues("getConfig() of layer '" + layer.name() + "' (" + layer.getClass().getName() + ")", own);
        config.setAll(CustomObjectFormat.toJson(own));
        config.put("name", layer.name());
    }

    /** A registered subclass of a built-in layer starts from its parent's Keras config. */
    private static Optional<LayerFormat> builtInParent(Class<?> type) {
        for (Class<?> c = type.getSuperclass(); c != null && c != Layer.class; c = c.getSuperclass()) {
            Optional<LayerFormat> format = LayerRegistry.forLayerClass(c);
            if (format.isPresent()) {
                return format;
            }
        }
        return Optional.empty();
    }
}
