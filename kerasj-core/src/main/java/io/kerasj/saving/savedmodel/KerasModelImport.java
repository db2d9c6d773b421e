package io.kerasj.saving.savedmodel;

import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds a Python-Keras Sequential model (read from a SavedModel's keras_metadata.pb) as a Java {@link Sequential}
 * with the same layer names and the SavedModel's weights, ready to {@code compile} and fine-tune, evaluate or export.
 * Supports InputLayer (its shape becomes the first layer's input shape), Flatten, Dense and Dropout.
 */
public final class KerasModelImport {
    /** The Keras layer classes that can be imported. */
    public static final List<String> SUPPORTED = List.of("Flatten", "Dense", "Dropout", "InputLayer");

    private KerasModelImport() {
    }

    /**
     * Builds the Java model from the Keras architecture and copies the weights (shape-checked). The model is not
     * compiled: call {@code compile} before {@code fit} or {@code evaluate}. Close it when done.
     *
     * @param model a loaded Keras SavedModel with keras_metadata.pb
     * @param seed the Java model's seed (shuffling and dropout masks when fine-tuned)
     * @return the model with the SavedModel's weights
     * @throws SavedModelException when a layer is not supported, the input shape is unknown or a weight's shape differs
     */
    public static Sequential toSequential(KerasSavedModel model, long seed) {
        List<KerasLayerSpec> specs = model.architecture();
        Sequential sequential = new Sequential(seed);
        try {
            List<KerasLayerSpec> imported = addLayers(model, specs, sequential);
            copyWeights(model, imported, sequential);
            return sequential;
        } catch (RuntimeException e) {
            sequential.close();
            throw e;
        }
    }

    private static List<KerasLayerSpec> addLayers(KerasSavedModel model, List<KerasLayerSpec> specs, Sequential sequential) {
        long[] pendingInput = null;
        List<KerasLayerSpec> imported = new ArrayList<>();
        for (KerasLayerSpec spec : specs) {
            if (spec.className().equals("InputLayer")) {
                pendingInput = inputShape(model, spec);
                continue;
            }
            long[] input = null;
            if (imported.isEmpty()) {
                input = pendingInput != null ? pendingInput : spec.inputShape().isPresent() ? inputShape(model, spec) : null;
                if (input == null) {
                    throw new SavedModelException(model.directory() + ": cannot import layer " + spec.name() + " of class "
                            + spec.className() + ": the model declares no input shape (no InputLayer or batch_input_shape)");
                }
            }
            Layer layer = toLayer(model, spec, input);
            try {
                sequential.add(layer);
            } catch (IllegalArgumentException e) {
                throw new SavedModelException(model.directory() + ": cannot import layer " + spec.name() + " of class "
                        + spec.className() + ": " + e.getMessage(), e);
            }
            imported.add(spec);
        }
        if (imported.isEmpty()) {
            throw new SavedModelException(model.directory() + ": cannot import a Keras model without layers");
        }
        return imported;
    }

    private static Layer toLayer(KerasSavedModel model, KerasLayerSpec spec, long[] input) {
        String prefix = model.directory() + ": cannot import layer " + spec.name() + " of class " + spec.className();
        try {
            return switch (spec.className()) {
                case "Flatten" -> input == null ? new Flatten(spec.name(), (long[]) null) : new Flatten(spec.name(), input);
                case "Dense" -> new Dense(spec.units().orElseThrow(() -> new SavedModelException(prefix + ": its config has no units")),
                        Activation.of(spec.activation().orElse("linear")), spec.name(), input);
                case "Dropout" -> {
                    if (input != null) {
                        throw new SavedModelException(prefix + ": a Dropout cannot be the first layer in KerasJ");
                    }
                    yield new Dropout(spec.rate().orElseThrow(() -> new SavedModelException(prefix + ": its config has no rate")),
                            spec.name());
                }
                default -> throw new SavedModelException(prefix + ": KerasJ supports " + String.join(", ", SUPPORTED));
            };
        } catch (IllegalArgumentException e) {
            throw new SavedModelException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static long[] inputShape(KerasSavedModel model, KerasLayerSpec spec) {
        List<Long> dims = spec.inputShape().orElseThrow(() -> new SavedModelException(model.directory()
                + ": layer " + spec.name() + " of class " + spec.className() + " has no batch_input_shape"));
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new SavedModelException(model.directory() + ": layer " + spec.name() + " of class " + spec.className()
                    + " has input shape " + dims + ": expected fixed positive dimensions");
        }
        return shape;
    }

    private static void copyWeights(KerasSavedModel model, List<KerasLayerSpec> specs, Sequential sequential) {
        List<Layer> layers = sequential.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<WeightSpec> expected = layer.weightSpecs();
            List<VariableValue> found = specs.get(i).weights();
            if (expected.size() != found.size()) {
                throw new SavedModelException(model.directory() + ": layer " + layer.name() + " has weights " + found
                        + ", expected " + expected.size() + " (" + expected.stream().map(w -> w.name() + " " + Arrays.toString(w.shape())).toList() + ")");
            }
            List<float[]> values = new ArrayList<>();
            for (int w = 0; w < expected.size(); w++) {
                VariableValue v = found.get(w);
                if (!Arrays.equals(v.shape(), expected.get(w).shape())) {
                    throw new SavedModelException(model.directory() + ": variable " + v.name() + " has shape "
                            + Arrays.toString(v.shape()) + ", expected " + Arrays.toString(expected.get(w).shape())
                            + " for layer " + layer.name());
                }
                values.add(v.values());
            }
            if (!values.isEmpty()) {
                layer.setWeights(values);
            }
        }
    }
}
