package io.kerasj.saving.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a legacy Keras {@code .h5} model (Keras 2.2.4 to 2.15, and Keras 3's {@code model.save('m.h5')}): the
 * attributes {@code model_config} and {@code training_config} at the root, and the group {@code model_weights} whose
 * attribute {@code layer_names} lists the layers; each layer's group lists its datasets, relative to the group, in its
 * attribute {@code weight_names} ({@code dense/kernel:0} in Keras 2, {@code sequential/dense/kernel} in Keras 3).
 * Everything is found through these attributes, never through assumed paths.
 */
final class LegacyH5Reader {
    private LegacyH5Reader() {
    }

    /**
     * @param file the file, for messages
     * @param h5 the open file
     * @return the model config JSON text
     */
    static String modelConfig(String file, HdfFile h5) {
        String config = Hdf5Values.string(file, h5, "model_config");
        if (config == null) {
            boolean weightsOnly = h5.getAttribute("layer_names") != null;
            throw new KerasFileException(file + ": no model_config attribute: " + (weightsOnly
                    ? "this is a weights-only file (model.save_weights), expected a whole model (model.save('m.h5'))"
                    : "expected a Keras model saved with model.save('m.h5')"));
        }
        return config;
    }

    /** @return the {@code training_config} JSON text, or null */
    static String trainingConfig(String file, HdfFile h5) {
        return Hdf5Values.string(file, h5, "training_config");
    }

    /** @return the {@code keras_version} attribute, or null */
    static String kerasVersion(String file, HdfFile h5) {
        return Hdf5Values.string(file, h5, "keras_version");
    }

    /**
     * @param file the file, for messages
     * @param h5 the open file
     * @param expected the shapes of each built layer's weights, by layer name: every declared shape is checked
     *     against them before a value is read, and the layers without an entry are not read
     * @return the weights of each layer, by layer name, in the file's order
     */
    static Map<String, List<NamedArray>> weights(String file, HdfFile h5, Map<String, List<long[]>> expected) {
        Node root = h5.getChildren().get("model_weights");
        if (!(root instanceof Group group)) {
            throw new KerasFileException(file + ": no model_weights group: the model was saved without its weights");
        }
        List<String> layerNames = Hdf5Values.strings(file, group, "layer_names");
        if (layerNames == null) {
            throw new KerasFileException(file + ": model_weights has no layer_names attribute: expected Keras's legacy HDF5 layout");
        }
        Map<String, List<NamedArray>> out = new LinkedHashMap<>();
        for (String layer : layerNames) {
            List<long[]> shapes = expected.get(layer);
            if (shapes == null) {
                continue;
            }
            Node node = group.getChildren().get(layer);
            if (!(node instanceof Group layerGroup)) {
                throw new KerasFileException(file + ": model_weights lists layer '" + layer + "' but has no group for it");
            }
            List<String> weightNames = Hdf5Values.strings(file, layerGroup, "weight_names");
            List<Dataset> datasets = new ArrayList<>();
            List<Map.Entry<String, long[]>> declared = new ArrayList<>();
            for (String weight : weightNames == null ? List.<String>of() : weightNames) {
                if (weight.contains("..") || weight.startsWith("/")) {
                    throw new KerasFileException(file + ": layer '" + layer + "' names weight '" + weight + "', expected a path inside its group");
                }
                Node w = Hdf5Values.child(layerGroup, weight);
                if (!(w instanceof Dataset dataset)) {
                    throw new KerasFileException(file + ": weight '" + weight + "' of layer '" + layer + "' is not a dataset");
                }
                datasets.add(dataset);
                declared.add(Map.entry(weight, Hdf5Values.shape(file, dataset)));
            }
            ModelBuilder.checkDeclared(file, layer, shapes, declared);
            List<NamedArray> arrays = new ArrayList<>();
            for (int i = 0; i < datasets.size(); i++) {
                long values = java.util.Arrays.stream(shapes.get(i)).reduce(1, Math::multiplyExact);
                arrays.add(Hdf5Values.floats(file, datasets.get(i), declared.get(i).getKey(), values));
            }
            out.put(layer, arrays);
        }
        return out;
    }
}
