package io.kerasj.saving.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.kerasj.layers.InputLayer;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a legacy {@code .h5} weights file for {@code model.load_weights} as Keras 3's {@code legacy_h5_format} does:
 * the root (or its {@code model_weights} group, in a whole-model file) lists the layers in {@code layer_names}, each
 * layer's group its datasets in {@code weight_names}, in the legacy order (trainable weights, then the others).
 * By order ({@code load_weights_from_hdf5_group}): the file's layers with weights are matched, in order, to the
 * model's layers with weights; by name ({@code load_weights_from_hdf5_group_by_name}): each file layer to the model's
 * layer of that name, the others skipped.
 */
final class LegacyWeightsReader {
    private LegacyWeightsReader() {
    }

    /**
     * @return the values of each matched layer, in {@link Layer#weightSpecs()} order; a skipped weight keeps its current value
     */
    static Map<Layer, List<NamedArray>> read(String file, HdfFile h5, Model model, boolean skipMismatch, boolean byName,
                                             Consumer<String> warnings) {
        Group group = h5;
        if (h5.getAttribute("layer_names") == null && h5.getChildren().get("model_weights") instanceof Group weights) {
            group = weights;
        }
        List<String> layerNames = Hdf5Values.strings(file, group, "layer_names");
        if (layerNames == null) {
            throw new KerasFileException(file + ": no layer_names attribute: expected weights saved by Keras's save_weights in the legacy HDF5 layout");
        }
        if (layerNames.size() > Limits.MAX_LAYERS) {
            throw new KerasFileException(file + ": layer_names lists " + layerNames.size() + " layers, expected at most " + Limits.MAX_LAYERS);
        }
        Map<Layer, List<NamedArray>> out = new LinkedHashMap<>();
        if (byName) {
            Map<String, Layer> index = new LinkedHashMap<>();
            model.layers().forEach(l -> index.putIfAbsent(l.name(), l));
            for (int k = 0; k < layerNames.size(); k++) {
                Layer layer = index.get(layerNames.get(k));
                if (layer == null || layer instanceof InputLayer) {
                    continue;
                }
                Group layerGroup = layerGroup(file, group, layerNames.get(k));
                List<Dataset> datasets = datasets(file, layerGroup, layerNames.get(k));
                List<WeightSpec> legacy = ModelBuilder.legacyOrder(layer);
                String what = "layer #" + k + " (named " + layer.name() + ")";
                if (datasets.size() != legacy.size()) {
                    String message = "Weight count mismatch for " + what + ". Layer expects " + legacy.size()
                            + " weight(s). Received " + datasets.size() + " saved weight(s)";
                    if (!skipMismatch) {
                        throw new KerasFileException(file + ": " + message);
                    }
                    warnings.accept(file + ": skipping loading of weights for " + what + " due to mismatch in number of weights");
                    continue;
                }
                out.put(layer, values(file, layer, legacy, datasets, what, skipMismatch, warnings));
            }
        } else {
            List<Layer> filtered = model.layers().stream().filter(l -> !(l instanceof InputLayer))
                    .filter(l -> !l.weightSpecs().isEmpty()).toList();
            List<String> saved = new ArrayList<>();
            for (String name : layerNames) {
                List<String> weightNames = Hdf5Values.strings(file, layerGroup(file, group, name), "weight_names");
                if (weightNames != null && !weightNames.isEmpty()) {
                    saved.add(name);
                }
            }
            if (saved.size() != filtered.size()) {
                throw new KerasFileException(file + ": Layer count mismatch when loading weights from file. Model expected "
                        + filtered.size() + " layers, found " + saved.size() + " saved layers.");
            }
            for (int k = 0; k < saved.size(); k++) {
                Layer layer = filtered.get(k);
                List<Dataset> datasets = datasets(file, layerGroup(file, group, saved.get(k)), saved.get(k));
                List<WeightSpec> legacy = ModelBuilder.legacyOrder(layer);
                if (datasets.size() != legacy.size()) {
                    throw new KerasFileException(file + ": Weight count mismatch for layer #" + k + " (named " + layer.name()
                            + " in the current model, " + saved.get(k) + " in the save file). Layer expects " + legacy.size()
                            + " weight(s). Received " + datasets.size() + " saved weight(s)");
                }
                out.put(layer, values(file, layer, legacy, datasets, "layer #" + k + " (named " + layer.name() + ")", skipMismatch, warnings));
            }
        }
        if (group.getChildren().get("top_level_model_weights") instanceof Group top) {
            int count = datasets(file, top, "top_level_model_weights").size();
            if (count != 0) {
                String message = "Weight count mismatch for top-level weights when loading weights from file. Model expects 0"
                        + " top-level weight(s). Received " + count + " saved top-level weight(s)";
                if (!(byName && skipMismatch)) {
                    throw new KerasFileException(file + ": " + message);
                }
                warnings.accept(file + ": skipping loading top-level weights for model due to mismatch in number of weights");
            }
        }
        return out;
    }

    private static Group layerGroup(String file, Group group, String name) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new KerasFileException(file + ": layer_names names '" + name + "', expected a group of the file");
        }
        if (!(Hdf5Values.child(group, name) instanceof Group layerGroup)) {
            throw new KerasFileException(file + ": layer_names lists layer '" + name + "' but the file has no group for it");
        }
        return layerGroup;
    }

    private static List<Dataset> datasets(String file, Group layerGroup, String layer) {
        List<String> names = Hdf5Values.strings(file, layerGroup, "weight_names");
        List<Dataset> out = new ArrayList<>();
        for (String weight : names == null ? List.<String>of() : names) {
            if (weight.contains("..") || weight.startsWith("/")) {
                throw new KerasFileException(file + ": layer '" + layer + "' names weight '" + weight + "', expected a path inside its group");
            }
            if (!(Hdf5Values.child(layerGroup, weight) instanceof Dataset dataset)) {
                throw new KerasFileException(file + ": weight '" + weight + "' of layer '" + layer + "' is not a dataset");
            }
            out.add(dataset);
        }
        return out;
    }

    /** Keras's {@code _set_weights}: each declared shape checked before its values are read; back to the layer's order. */
    private static List<NamedArray> values(String file, Layer layer, List<WeightSpec> legacy, List<Dataset> datasets, String what,
                                           boolean skipMismatch, Consumer<String> warnings) {
        Map<WeightSpec, NamedArray> bySpec = new IdentityHashMap<>();
        for (int i = 0; i < legacy.size(); i++) {
            WeightSpec spec = legacy.get(i);
            Dataset dataset = datasets.get(i);
            long[] declared = Hdf5Values.shape(file, dataset);
            if (!Arrays.equals(declared, spec.shape())) {
                String message = "Shape mismatch in " + what + " for weight " + layer.name() + "/" + spec.name()
                        + ". Weight expects shape " + Hdf5Values.shapeText(spec.shape()) + ". Received saved weight with shape "
                        + Hdf5Values.shapeText(declared);
                if (!skipMismatch) {
                    throw new KerasFileException(file + ": " + message);
                }
                warnings.accept(file + ": skipping loading weights for " + what + " due to mismatch in shape for weight "
                        + layer.name() + "/" + spec.name());
                continue;
            }
            long size = Arrays.stream(spec.shape()).reduce(1, Math::multiplyExact);
            bySpec.put(spec, Hdf5Values.floats(file, dataset, dataset.getPath(), size));
        }
        List<WeightSpec> specs = layer.weightSpecs();
        List<float[]> current = bySpec.size() == specs.size() ? null : layer.getWeights();
        List<NamedArray> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            NamedArray read = bySpec.get(specs.get(i));
            out.add(read != null ? read : new NamedArray(specs.get(i).name(), specs.get(i).shape(), current.get(i)));
        }
        return out;
    }
}
