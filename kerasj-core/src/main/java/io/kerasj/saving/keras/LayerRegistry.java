package io.kerasj.saving.keras;

import io.kerasj.layers.Add;
import io.kerasj.layers.AlphaDropout;
import io.kerasj.layers.Average;
import io.kerasj.layers.AveragePooling2D;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.SpatialDropout2D;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.GlobalMaxPooling2D;
import io.kerasj.layers.Layer;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.layers.Maximum;
import io.kerasj.layers.Minimum;
import io.kerasj.layers.Multiply;
import io.kerasj.layers.Subtract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Keras layer classes KerasJ can load and save, by Keras class name: KerasJ's own formats, the formats jars
 * provide through {@link ServiceLoader} ({@link LayerFormat}; read once, at the first lookup, and taking precedence
 * over a built-in format of the same Keras class), and every layer class registered with
 * {@link io.kerasj.saving.ObjectRegistration} ({@link RegisteredLayerFormat}). {@code InputLayer} is always
 * supported: it becomes the model's input shape.
 */
public final class LayerRegistry {
    private static final Map<String, LayerFormat> FORMATS = new LinkedHashMap<>();
    private static boolean providersLoaded;

    static {
        register("Flatten", new FlattenFormat());
        register("Dense", new DenseFormat());
        register("Dropout", new DropoutFormat(Dropout.class));
        register("SpatialDropout2D", new DropoutFormat(SpatialDropout2D.class));
        register("Reshape", new ReshapeFormat());
        register("Activation", new ActivationFormat());
        register("Lambda", new LambdaFormat());
        register("AlphaDropout", new DropoutFormat(AlphaDropout.class));
        register("BatchNormalization", new BatchNormalizationFormat());
        register("Conv2D", new Conv2DFormat());
        register("MaxPooling2D", Pooling2DFormat.windowed(MaxPooling2D.class, MaxPooling2D::new));
        register("AveragePooling2D", Pooling2DFormat.windowed(AveragePooling2D.class, AveragePooling2D::new));
        register("GlobalAveragePooling2D", Pooling2DFormat.global(GlobalAveragePooling2D.class, GlobalAveragePooling2D::new));
        register("GlobalMaxPooling2D", Pooling2DFormat.global(GlobalMaxPooling2D.class, GlobalMaxPooling2D::new));
        register("DepthwiseConv2D", new DepthwiseConv2DFormat());
        register("SeparableConv2D", new SeparableConv2DFormat());
        register("Conv2DTranspose", new Conv2DTransposeFormat());
        register("ZeroPadding2D", SideAmountsFormat.zeroPadding());
        register("Cropping2D", SideAmountsFormat.cropping());
        register("UpSampling2D", new UpSampling2DFormat());
        register("Rescaling", new RescalingFormat());
        register("Normalization", new NormalizationFormat());
        register("Add", new ElementwiseMergeFormat(Add.class, Add::new));
        register("Subtract", new ElementwiseMergeFormat(Subtract.class, Subtract::new));
        register("Multiply", new ElementwiseMergeFormat(Multiply.class, Multiply::new));
        register("Average", new ElementwiseMergeFormat(Average.class, Average::new));
        register("Maximum", new ElementwiseMergeFormat(Maximum.class, Maximum::new));
        register("Minimum", new ElementwiseMergeFormat(Minimum.class, Minimum::new));
        register("Concatenate", new ConcatenateFormat());
        register("Dot", new DotFormat());
        ImageLayerFormats.all().forEach(LayerRegistry::register);
        register("ReLU", new ActivationLayerFormats.ReLUFormat());
        register("LeakyReLU", new ActivationLayerFormats.LeakyReLUFormat());
        register("PReLU", new ActivationLayerFormats.PReLUFormat());
        register("ELU", new ActivationLayerFormats.ELUFormat());
        register("Softmax", new ActivationLayerFormats.SoftmaxFormat());
    }

    private LayerRegistry() {
    }

    /**
     * @param kerasClassName the Keras class name, e.g. {@code Dense}
     * @param format how it maps to a KerasJ layer
     */
    public static synchronized void register(String kerasClassName, LayerFormat format) {
        FORMATS.put(kerasClassName, kerasClassName.equals(format.kerasClassName()) ? format : new Renamed(kerasClassName, format));
    }

    /** A format registered under another Keras class name than its own: the registered name is the one written. */
    private record Renamed(String kerasClassName, LayerFormat format) implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return format.layerClass();
        }

        @Override
        public String module() {
            return format.module();
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            return format.read(layer, inputShape, problems);
        }

        @Override
        public void write(Layer layer, com.fasterxml.jackson.databind.node.ObjectNode config) {
            format.write(layer, config);
        }
    }

    /**
     * Adds a format under its {@link LayerFormat#kerasClassName()} (replacing one of the same class).
     *
     * @param format how a Keras class maps to a KerasJ layer
     */
    public static void register(LayerFormat format) {
        register(format.kerasClassName(), format);
    }

    /**
     * @param kerasClassName a Keras class name, e.g. {@code Dense}
     * @return its format (built in, or from a jar), if KerasJ has one
     */
    static synchronized Optional<LayerFormat> forKerasClass(String kerasClassName) {
        loadProviders();
        return Optional.ofNullable(FORMATS.get(kerasClassName));
    }

    /**
     * Keras's lookup of a layer's class: what the program registered under the entry's {@code registered_name} (or
     * its Keras 2 {@code class_name}, {@code "package>name"}) first, else the format of a Keras class, unless the entry
     * names a class from outside Keras.
     *
     * @param layer a layer's entry in a saved config
     * @return its format, if KerasJ can build it
     */
    static Optional<LayerFormat> forEntry(LayerConfig layer) {
        Optional<LayerFormat> registered = RegisteredLayerFormat.forEntry(layer.entry());
        if (registered.isPresent()) {
            return registered;
        }
        if (NumpyOperationFormat.isOperation(layer.entry())) {
            return NumpyOperationFormat.forEntry(layer.entry());
        }
        Optional<LayerFormat> format = forKerasClass(layer.className());
        String module = layer.entry().path("module").isTextual() ? layer.entry().get("module").asText() : "";
        if (CustomObjectFormat.isCustom(layer.entry()) && format.filter(f -> f.module().equals(module)).isEmpty()) {
            return Optional.empty();
        }
        return format;
    }

    /**
     * Saving looks for a format of the layer's exact class, as Keras's {@code serialize_with_public_class} does, then
     * for a registration of it: a registered subclass of a built-in layer saves as the registered class.
     *
     * @param layer a layer
     * @return its format, if it can be saved
     */
    static Optional<LayerFormat> forLayer(Layer layer) {
        Optional<LayerFormat> format = forLayerClass(layer.getClass());
        return format.isPresent() ? format : RegisteredLayerFormat.forLayer(layer);
    }

    /**
     * @param type a layer class
     * @return the format (built in, or from a jar) that writes exactly this class, if any
     */
    static synchronized Optional<LayerFormat> forLayerClass(Class<?> type) {
        loadProviders();
        return FORMATS.values().stream().filter(f -> f.layerClass() == type).findFirst();
    }

    /** @return the supported Keras class names, InputLayer first (registered layer classes apart) */
    public static synchronized List<String> supported() {
        loadProviders();
        List<String> names = new ArrayList<>();
        names.add("InputLayer");
        names.addAll(FORMATS.keySet());
        return names;
    }

    private static void loadProviders() {
        if (providersLoaded) {
            return;
        }
        providersLoaded = true;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (LayerFormat format : ServiceLoader.load(LayerFormat.class, loader != null ? loader : LayerRegistry.class.getClassLoader())) {
                register(format);
            }
        } catch (java.util.ServiceConfigurationError | RuntimeException e) {
            throw new IllegalStateException("a LayerFormat provider (META-INF/services/" + LayerFormat.class.getName()
                    + ") failed: " + e.getMessage(), e);
        }
    }
}
