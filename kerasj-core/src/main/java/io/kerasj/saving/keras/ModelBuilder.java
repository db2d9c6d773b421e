package io.kerasj.saving.keras;

import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a KerasJ {@link Sequential} from a model config and its weights, through the model's public API: each
 * layer through the {@link LayerRegistry}, then {@code setWeights} per layer (shapes checked).
 */
final class ModelBuilder {
    private ModelBuilder() {
    }

    /**
     * @param file the file, for messages
     * @param model the config
     * @param layers the layers from {@link #layers}
     * @param seed the Java model's seed (shuffling, dropout masks)
     * @return the model, its layers built (their weight shapes known) but no weight read yet
     */
    static Sequential assemble(String file, ModelConfig model, List<Layer> layers, long seed) {
        Sequential sequential = new Sequential(model.name(), seed);
        try {
            if (layers.get(0).declaredInputShape() == null) {
                sequential.add(new io.kerasj.layers.Input(model.inputShape()));
            }
            for (int i = 0; i < layers.size(); i++) {
                try {
                    sequential.add(layers.get(i));
                } catch (IllegalArgumentException e) {
                    throw new KerasFileException(file + ": cannot build " + model.chain().get(i).describe() + ": " + e.getMessage(), e);
                }
            }
            return sequential;
        } catch (RuntimeException e) {
            sequential.close();
            throw e;
        }
    }

    /**
     * @param model an assembled model
     * @return the shapes of each layer's weights, by layer name: what a file may hold for it
     */
    static Map<String, List<long[]>> weightShapes(Sequential model) {
        Map<String, List<long[]>> shapes = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            shapes.put(layer.name(), layer.weightSpecs().stream().map(WeightSpec::shape).toList());
        }
        return shapes;
    }

    /**
     * @param shapes from {@link #weightShapes}
     * @return the values of the largest weight (at least 1): the most an optimizer variable may hold
     */
    static long largestWeight(Map<String, List<long[]>> shapes) {
        return shapes.values().stream().flatMap(List::stream)
                .mapToLong(s -> Arrays.stream(s).reduce(1, Math::multiplyExact)).max().orElse(1);
    }

    /**
     * @param file the file, for messages
     * @param model the assembled model
     * @param weights each layer's weights, by layer name
     */
    static void copyWeights(String file, Sequential model, Map<String, List<NamedArray>> weights) {
        for (Layer layer : model.layers()) {
            copy(file, layer, weights.getOrDefault(layer.name(), List.of()));
        }
    }

    /**
     * Checks a layer's weights in a file, from their declared shapes, before any is read.
     *
     * @param file the file, for messages
     * @param layer the layer's name
     * @param expected its weights' shapes (from {@link #weightShapes})
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

    /**
     * Checks every layer before any weight is read.
     *
     * @return the KerasJ layers of the chain, not yet in a model
     * @throws KerasFileException in one line listing every unsupported layer and option
     */
    static List<Layer> layers(String file, ModelConfig model) {
        List<String> problems = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < model.chain().size(); i++) {
            LayerConfig config = model.chain().get(i);
            var format = LayerRegistry.forKerasClass(config.className());
            if (format.isEmpty()) {
                problems.add(config.describe());
                continue;
            }
            Layer layer = format.get().read(config, i == 0 ? checkedInput(file, model) : null, problems);
            if (layer != null) {
                layers.add(layer);
            }
        }
        if (!problems.isEmpty()) {
            throw new KerasFileException(file + ": unsupported " + String.join(", ", problems) + "; KerasJ supports "
                    + String.join(", ", LayerRegistry.supported()));
        }
        if (layers.isEmpty()) {
            throw new KerasFileException(file + ": the model has no layers besides its input");
        }
        return layers;
    }

    private static long[] checkedInput(String file, ModelConfig model) {
        long[] shape = model.inputShape();
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new KerasFileException(file + ": the model's input shape is " + Arrays.toString(shape)
                    + ": KerasJ needs fixed positive dimensions besides the batch");
        }
        return shape;
    }

    private static void copy(String file, Layer layer, List<NamedArray> found) {
        List<WeightSpec> expected = layer.weightSpecs();
        if (expected.size() != found.size()) {
            throw new KerasFileException(file + ": layer '" + layer.name() + "' has " + found.size() + " weights in the file "
                    + found.stream().map(a -> a.name() + " " + a.shapeText()).toList() + ", expected " + expected.size() + " "
                    + expected.stream().map(w -> w.name() + " " + Arrays.toString(w.shape())).toList());
        }
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            NamedArray a = found.get(i);
            if (!Arrays.equals(a.shape(), expected.get(i).shape())) {
                throw new KerasFileException(file + ": weight " + a.name() + " has shape " + a.shapeText() + ", expected "
                        + Arrays.toString(expected.get(i).shape()) + " for " + expected.get(i).name() + " of layer '" + layer.name() + "'");
            }
            values.add(a.values());
        }
        if (!values.isEmpty()) {
            layer.setWeights(values);
        }
    }
}
