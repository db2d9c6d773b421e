package io.kerasj.saving.keras;

import io.kerasj.layers.Add;
import io.kerasj.layers.AlphaDropout;
import io.kerasj.layers.Average;
import io.kerasj.layers.AveragePooling2D;
import io.kerasj.layers.Dropout;
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

/**
 * The Keras layer classes KerasJ can load and save, by Keras class name. {@code InputLayer} is always supported: it
 * becomes the model's input shape. Adding a layer is one {@link #register} call.
 */
public final class LayerRegistry {
    private static final Map<String, LayerFormat> FORMATS = new LinkedHashMap<>();

    static {
        register("Flatten", new FlattenFormat());
        register("Dense", new DenseFormat());
        register("Dropout", new DropoutFormat(Dropout.class, Dropout::new));
        register("Reshape", new ReshapeFormat());
        register("Activation", new ActivationFormat());
        register("Lambda", new LambdaFormat());
        register("AlphaDropout", new DropoutFormat(AlphaDropout.class, AlphaDropout::new));
        register("BatchNormalization", new BatchNormalizationFormat());
        register("Conv2D", new Conv2DFormat());
        register("MaxPooling2D", Pooling2DFormat.windowed(MaxPooling2D.class, MaxPooling2D::new));
        register("AveragePooling2D", Pooling2DFormat.windowed(AveragePooling2D.class, AveragePooling2D::new));
        register("GlobalAveragePooling2D", Pooling2DFormat.global(GlobalAveragePooling2D.class, GlobalAveragePooling2D::new));
        register("GlobalMaxPooling2D", Pooling2DFormat.global(GlobalMaxPooling2D.class, GlobalMaxPooling2D::new));
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
    }

    private LayerRegistry() {
    }

    /**
     * @param kerasClassName the Keras class name, e.g. {@code Dense}
     * @param format how it maps to a KerasJ layer
     */
    public static synchronized void register(String kerasClassName, LayerFormat format) {
        FORMATS.put(kerasClassName, format);
    }

    /** @return the format of a Keras class, if supported */
    static synchronized Optional<LayerFormat> forKerasClass(String kerasClassName) {
        return Optional.ofNullable(FORMATS.get(kerasClassName));
    }

    /** @return the Keras class name and format of a KerasJ layer, if it can be saved */
    static synchronized Optional<Map.Entry<String, LayerFormat>> forLayer(Layer layer) {
        return FORMATS.entrySet().stream().filter(e -> e.getValue().layerClass() == layer.getClass()).findFirst();
    }

    /** @return the supported Keras class names, InputLayer first */
    public static synchronized List<String> supported() {
        List<String> names = new ArrayList<>();
        names.add("InputLayer");
        names.addAll(FORMATS.keySet());
        return names;
    }
}
