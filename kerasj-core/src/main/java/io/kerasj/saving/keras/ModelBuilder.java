package io.kerasj.saving.keras;

import io.kerasj.layers.Input;
import io.kerasj.layers.InputLayer;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a KerasJ {@link Model} from a model config, through the model API a user writes: each layer through the
 * {@link LayerRegistry}; a Sequential by {@code add}; a functional model by replaying its nodes with
 * {@link Layer#applyAll} ({@link GraphReplay}), one layer object per config entry, called once per node (shared
 * layers); a model nested as a layer is built first, the same way. Then {@code setWeights} per layer, shapes checked.
 */
final class ModelBuilder {
    private ModelBuilder() {
    }

    /**
     * Checks every layer before any weight is read.
     *
     * @param file the file, for messages
     * @param config the config
     * @param seed the Java model's seed (shuffling, dropout masks)
     * @return the model, its layers built (their weight shapes known) but no weight read yet
     * @throws KerasFileException in one line listing every unsupported layer and option, or naming what cannot be built
     */
    static Model build(String file, ModelConfig config, long seed) {
        List<String> problems = new ArrayList<>();
        Model model = build(file, config, seed, problems);
        if (!problems.isEmpty()) {
            throw new KerasFileException(file + ": unsupported " + String.join(", ", problems) + "; KerasJ supports "
                    + String.join(", ", LayerRegistry.supported()));
        }
        return model;
    }

    /** @return the model, or null when a problem was recorded (the other layers are still checked) */
    private static Model build(String file, ModelConfig config, long seed, List<String> problems) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (int i = 0; i < config.layers().size(); i++) {
            LayerConfig layer = config.layers().get(i);
            if (layer.className().equals("InputLayer")) {
                continue;
            }
            if (ModelConfig.isModel(layer.className())) {
                Model inner = build(file, config.nested().get(layer.name()), seed, problems);
                if (inner != null) {
                    if (!LayerOptions.trainable(layer)) {
                        inner.trainable(false);
                    }
                    layers.put(layer.name(), inner);
                }
                continue;
            }
            var format = LayerRegistry.forEntry(layer);
            if (format.isEmpty()) {
                problems.add(unknown(layer));
                continue;
            }
            long[] first = config.isSequential() && i == 0 ? checked(file, config.name(), config.sequentialInput().shape()) : null;
            Layer made = format.get().read(layer, first, problems);
            if (made != null) {
                RegularizationOptions.readActivity(layer, made, problems);
                made.trainable(LayerOptions.trainable(layer));
                layers.put(layer.name(), made);
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return config.isSequential() ? sequential(file, config, layers, seed) : GraphReplay.functional(file, config, layers, seed);
    }

    /**
     * @return why a layer has no format: Python code, a class the program did not register (KerasJ never loads a
     *     class a file names), or a Keras class KerasJ lacks
     */
    private static String unknown(LayerConfig layer) {
        if (SafeMode.isPythonCode(layer.entry())) {
            return layer.describe() + ", which holds Python code that KerasJ never runs (even with safe_mode=false)";
        }
        if (CustomObjectFormat.isCustom(layer.entry())) {
            return CustomObjectFormat.describe(layer.entry()) + " (layer '" + layer.name() + "'), which is not registered: KerasJ never"
                    + " loads code a file names (even with safe_mode=false); register the class with"
                    + " ObjectRegistration.registerKerasSerializable or a CustomObjects provider";
        }
        return layer.describe();
    }

    private static Sequential sequential(String file, ModelConfig config, Map<String, Layer> layers, long seed) {
        Sequential sequential = new Sequential(config.name(), seed);
        ModelConfig.InputSpec input = config.sequentialInput();
        Layer first = layers.get(config.layers().get(0).name());
        if (first.declaredInputShape() == null) {
            sequential.add(input(file, config.name(), input));
        }
        for (LayerConfig layer : config.layers()) {
            try {
                sequential.add(layers.get(layer.name()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new KerasFileException(file + ": cannot build " + layer.describe() + " of model '" + config.name() + "': " + e.getMessage(), e);
            }
        }
        return sequential;
    }

    /** @return Keras's {@code keras.Input} for an InputLayer of the file */
    static Input input(String file, String model, ModelConfig.InputSpec spec) {
        long[] shape = checked(file, model, spec.shape());
        if (!List.of("float32", "int32", "uint8").contains(spec.dtype())) {
            throw new KerasFileException(file + ": input '" + spec.name() + "' of model '" + model + "' has dtype " + spec.dtype()
                    + ": KerasJ takes float32, int32 and uint8 inputs");
        }
        try {
            return new Input(shape, spec.dtype(), spec.name());
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(file + ": input '" + spec.name() + "' of model '" + model + "': " + e.getMessage(), e);
        }
    }

    private static long[] checked(String file, String model, long[] shape) {
        if (shape == null || shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new KerasFileException(file + ": the input shape of model '" + model + "' is " + Arrays.toString(shape)
                    + ": KerasJ needs fixed positive dimensions besides the batch");
        }
        return shape;
    }

    /**
     * @param model an assembled model
     * @return the shapes of each top-level layer's weights, by layer name (a nested model's: all of its weights, in
     *     its order): what a legacy {@code .h5} may hold for it
     */
    static Map<String, List<long[]>> weightShapes(Model model) {
        Map<String, List<long[]>> shapes = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            shapes.put(layer.name(), legacyOrder(layer).stream().map(WeightSpec::shape).toList());
        }
        return shapes;
    }

    /**
     * @param model an assembled model
     * @return the values of its largest weight (at least 1): the most an optimizer variable may hold
     */
    static long largestWeight(Model model) {
        return model.weightSpecs().stream().mapToLong(w -> Arrays.stream(w.shape()).reduce(1, Math::multiplyExact)).max().orElse(1);
    }

    /**
     * Sets the weights of the model's top-level layers, by layer name (a legacy {@code .h5}).
     *
     * @param file the file, for messages
     * @param model the assembled model
     * @param weights each layer's weights, by layer name
     */
    static void copyWeightsByName(String file, Model model, Map<String, List<NamedArray>> weights) {
        Map<Layer, List<NamedArray>> byLayer = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            if (!(layer instanceof InputLayer)) {
                List<NamedArray> found = weights.getOrDefault(layer.name(), List.of());
                List<WeightSpec> legacy = legacyOrder(layer);
                if (found.size() == legacy.size()) { // back to the layer's order; a count mismatch is reported below
                    Map<WeightSpec, NamedArray> bySpec = new IdentityHashMap<>();
                    for (int i = 0; i < legacy.size(); i++) {
                        bySpec.put(legacy.get(i), found.get(i));
                    }
                    found = layer.weightSpecs().stream().map(bySpec::get).toList();
                }
                byLayer.put(layer, found);
            }
        }
        copyWeights(file, model, byLayer);
    }

    /**
     * Keras's {@code _legacy_weights(layer)}: the order of a layer's {@code weight_names} in a legacy {@code .h5},
     * its trainable weights then the others ({@code residual_block/alpha}, its sublayers' kernels and biases, ...,
     * then the moving statistics), where {@link Layer#weightSpecs()} keeps each sublayer's weights together.
     *
     * @param layer a layer
     * @return its weights in the legacy order
     */
    static List<WeightSpec> legacyOrder(Layer layer) {
        List<WeightSpec> ordered = new ArrayList<>(layer.weightSpecs());
        ordered.sort(java.util.Comparator.comparing(w -> !w.trainable()));
        return ordered;
    }

    /**
     * Sets each layer's weights; a nested model's are given as one list, in its weights' order.
     *
     * @param file the file, for messages
     * @param model the assembled model, whose graph then holds them
     * @param weights the weights of each layer
     */
    static void copyWeights(String file, Model model, Map<Layer, List<NamedArray>> weights) {
        for (Map.Entry<Layer, List<NamedArray>> e : weights.entrySet()) {
            List<WeightSpec> expected = e.getKey().weightSpecs();
            checkFound(file, e.getKey(), expected, e.getValue());
        }
        model.graph(); // the values then live in this model's graph, not in a graph per nested model
        Map<WeightSpec, float[]> values = new IdentityHashMap<>();
        for (Map.Entry<Layer, List<NamedArray>> e : weights.entrySet()) {
            List<WeightSpec> specs = e.getKey().weightSpecs();
            for (int i = 0; i < specs.size(); i++) {
                values.put(specs.get(i), e.getValue().get(i).values());
            }
        }
        List<WeightSpec> all = model.weightSpecs();
        if (!all.isEmpty() && all.stream().allMatch(values::containsKey)) {
            // the whole model: one assignment run, not one per layer (each a new signature for the session to prepare)
            model.setWeights(all.stream().map(values::get).toList());
            return;
        }
        for (Layer layer : weights.keySet()) {
            assign(layer, values);
        }
    }

    /** Sets a layer's weights from their values by weight; a model's layers one by one, without a graph of its own. */
    private static void assign(Layer layer, Map<WeightSpec, float[]> values) {
        if (layer instanceof Model inner) {
            for (Layer l : inner.layers()) {
                assign(l, values);
            }
            return;
        }
        List<WeightSpec> specs = layer.weightSpecs();
        if (!specs.isEmpty() && specs.stream().allMatch(values::containsKey)) {
            layer.setWeights(specs.stream().map(values::get).toList());
        }
    }

    private static void checkFound(String file, Layer layer, List<WeightSpec> expected, List<NamedArray> found) {
        if (expected.size() != found.size()) {
            throw new KerasFileException(file + ": layer '" + layer.name() + "' has " + found.size() + " weights in the file "
                    + found.stream().map(a -> a.name() + " " + a.shapeText()).toList() + ", expected " + expected.size() + " "
                    + expected.stream().map(w -> w.name() + " " + Arrays.toString(w.shape())).toList());
        }
        for (int i = 0; i < expected.size(); i++) {
            NamedArray a = found.get(i);
            if (!Arrays.equals(a.shape(), expected.get(i).shape())) {
                throw new KerasFileException(file + ": weight " + a.name() + " has shape " + a.shapeText() + ", expected "
                        + Arrays.toString(expected.get(i).shape()) + " for " + expected.get(i).name() + " of layer '" + layer.name() + "'");
            }
        }
    }

    /**
     * Checks a layer's weights in a file, from their declared shapes, before any is read.
     *
     * @param file the file, for messages
     * @param layer the layer's name
     * @param expected its weights' shapes
     * @param declared the shapes the file declares, with their names there
     * @throws KerasFileException when their number or a shape differs
     */
    static void checkDeclared(String file, String layer, List<long[]> expected, List<Map.Entry<String, long[]>> declared) {
        if (expected.size() != declared.size()) {
            throw new KerasFileException(file + ": layer '" + layer + "' has " + declared.size() + " weights in the file "
                    + declared.stream().map(d -> d.getKey() + " " + Hdf5Values.shapeText(d.getValue())).toList() + ", expected "
                    + expected.size() + " " + expected.stream().map(Hdf5Values::shapeText).toList());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(declared.get(i).getValue(), expected.get(i))) {
                throw new KerasFileException(file + ": weight " + declared.get(i).getKey() + " declares shape "
                        + Hdf5Values.shapeText(declared.get(i).getValue()) + ", expected " + Hdf5Values.shapeText(expected.get(i))
                        + " for layer '" + layer + "': refused before reading");
            }
        }
    }
}
