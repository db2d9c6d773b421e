package io.kerasj.saving.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerAttribute;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the weights of Keras 3's {@code model.weights.h5} (inside a {@code .keras}): each layer's variables are
 * datasets {@code layers/<path>/vars/0, 1, ...}. The path is the layer class in snake case, numbered per class in
 * the order of {@code model.layers} ({@code dense}, {@code dense_1}, ...); a nested model's layers are under its own
 * path ({@code layers/functional/layers/dense/vars/0}); a layer shared by two containers is saved at its first place
 * only. Keras 3.5+ also records the layer's name as the attribute {@code name} of its {@code vars} group, which is
 * preferred when present.
 */
final class KerasWeightsReader {
    private KerasWeightsReader() {
    }

    /**
     * @param file the file, for messages
     * @param h5 the open weights file
     * @param config the model config
     * @param model the model built from it: every declared shape is checked against its layers' weights before a
     *     value is read
     * @return the weights of each layer with weights, nested models' layers included (a shared layer once)
     */
    static Map<Layer, List<NamedArray>> read(String file, HdfFile h5, ModelConfig config, Model model) {
        return read(file, h5, config, model, null);
    }

    /**
     * @param skipped with Keras's {@code skip_mismatch}: receives one line per layer whose weights do not fit, which is
     *     then left out; null to refuse such a file
     */
    static Map<Layer, List<NamedArray>> read(String file, HdfFile h5, ModelConfig config, Model model, java.util.function.Consumer<String> skipped) {
        Map<Layer, List<NamedArray>> out = new LinkedHashMap<>();
        walk(file, h5, "", config, model, Collections.newSetFromMap(new IdentityHashMap<>()), out, skipped);
        return out;
    }

    /** Keras's {@code _save_state}: the layers of a model, each at {@code layers/<snake_case class>[_n]}, recursively. */
    private static void walk(String file, HdfFile h5, String prefix, ModelConfig config, Model model, Set<Layer> visited,
                             Map<Layer, List<NamedArray>> out, java.util.function.Consumer<String> skipped) {
        Map<String, String> byName = groupsByName(file, h5, prefix + "layers");
        Map<String, Layer> layers = new HashMap<>();
        model.layers().forEach(l -> layers.put(l.name(), l));
        Map<String, Integer> perClass = new HashMap<>();
        for (LayerConfig layerConfig : config.layers()) {
            String base = Naming.snakeCase(layerConfig.className().equals("Model") ? "Functional" : layerConfig.className());
            int n = perClass.merge(base, 1, Integer::sum) - 1;
            String computed = prefix + "layers/" + (n == 0 ? base : base + "_" + n);
            Layer layer = layers.get(layerConfig.name());
            if (layer == null || !visited.add(layer)) {
                continue;
            }
            if (layer instanceof Model inner) {
                walk(file, h5, computed + "/", config.nested().get(layerConfig.name()), inner, visited, out, skipped);
            } else if (!layer.weightSpecs().isEmpty()) {
                Map<WeightSpec, NamedArray> values = new IdentityHashMap<>();
                try {
                    readLayer(file, h5, byName.getOrDefault(layer.name(), computed), layer, visited, values);
                } catch (KerasFileException e) {
                    if (skipped == null) {
                        throw e;
                    }
                    // Keras's _load_state with skip_mismatch: the layer keeps its weights, with a warning
                    skipped.accept("Skipping loading of weights for layer '" + layer.name() + "': " + e.getMessage());
                    continue;
                }
                out.put(layer, layer.weightSpecs().stream().map(values::get).toList());
            }
        }
    }

    /**
     * A layer's own variables at {@code <path>/vars}, then its sublayers' under {@code <path>/<field>} (a list's
     * items under {@code <path>/<field>/<snake_case class>[_n]}), in the order {@link KerasWeightsWriter} writes them.
     */
    private static void readLayer(String file, HdfFile h5, String path, Layer layer, Set<Layer> visited, Map<WeightSpec, NamedArray> out) {
        List<WeightSpec> own = layer.ownWeightSpecs();
        if (!own.isEmpty() || layer.sublayerAttributes().isEmpty()) {
            List<NamedArray> values = vars(file, h5, path, layer.name(), own.stream().map(WeightSpec::shape).toList(), 0);
            for (int i = 0; i < own.size(); i++) { // ownWeightSpecs() is Keras's order: trainable first
                out.put(own.get(i), values.get(i));
            }
        }
        for (LayerAttribute attribute : KerasWeightsWriter.savedOrder(layer.sublayerAttributes())) {
            Map<String, Integer> used = new HashMap<>();
            for (Layer item : attribute.layers()) {
                if (!visited.add(item)) {
                    continue;
                }
                String at = path + "/" + attribute.name();
                if (attribute.list()) {
                    String base = Naming.snakeCase(KerasConfigWriter.kerasClass(item));
                    int n = used.merge(base, 1, Integer::sum) - 1;
                    at += "/" + (n == 0 ? base : base + "_" + n);
                }
                if (item instanceof Model) {
                    throw new KerasFileException(file + ": layer '" + layer.name() + "' holds the model '" + item.name()
                            + "' as a sublayer, whose weights KerasJ does not read yet");
                }
                readLayer(file, h5, at, item, visited, out);
            }
        }
    }

    /**
     * @param file the file, for messages
     * @param h5 the open weights file
     * @param maxValues the most values one variable may hold (the model's largest weight: a slot has a weight's shape)
     * @return the optimizer's variables ({@code optimizer/vars/0, 1, ...}: iteration, learning rate, slots), or empty
     */
    static List<NamedArray> optimizer(String file, HdfFile h5, long maxValues) {
        return vars(file, h5, "optimizer", null, null, maxValues);
    }

    private static Map<String, String> groupsByName(String file, HdfFile h5, String path) {
        Map<String, String> map = new HashMap<>();
        Node layers = Hdf5Values.child(h5, path);
        if (layers instanceof Group group) {
            for (Node child : group) {
                if (child instanceof Group g && g.getChildren().get("vars") instanceof Group vars) {
                    String name = vars.getAttribute("name") == null ? null : Hdf5Values.string(file, vars, "name");
                    if (name != null) {
                        map.putIfAbsent(name, path + "/" + child.getName());
                    }
                }
            }
        }
        return map;
    }

    /** With {@code shapes}, each declared shape must be the expected one; else each may hold up to {@code maxValues}. */
    private static List<NamedArray> vars(String file, HdfFile h5, String path, String layer, List<long[]> shapes, long maxValues) {
        Node node = Hdf5Values.child(h5, path + "/vars");
        if (!(node instanceof Group vars)) {
            if (shapes != null) {
                ModelBuilder.checkDeclared(file, layer, shapes, List.of());
            }
            return new ArrayList<>();
        }
        List<Dataset> datasets = new ArrayList<>();
        for (int i = 0; ; i++) {
            Node v = vars.getChildren().get(Integer.toString(i));
            if (v == null) {
                break;
            }
            if (!(v instanceof Dataset d)) {
                throw new KerasFileException(file + ": " + v.getPath() + " is a group, expected a weight dataset");
            }
            datasets.add(d);
        }
        if (datasets.size() != vars.getChildren().size()) {
            throw new KerasFileException(file + ": " + path + "/vars holds " + vars.getChildren().keySet()
                    + ", expected datasets numbered 0, 1, ...");
        }
        if (shapes != null) {
            List<Map.Entry<String, long[]>> declared = new ArrayList<>();
            for (int i = 0; i < datasets.size(); i++) {
                declared.add(Map.entry(path + "/vars/" + i, Hdf5Values.shape(file, datasets.get(i))));
            }
            ModelBuilder.checkDeclared(file, layer, shapes, declared);
        }
        List<NamedArray> out = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            long limit = shapes != null ? java.util.Arrays.stream(shapes.get(i)).reduce(1, Math::multiplyExact) : maxValues;
            out.add(Hdf5Values.floats(file, datasets.get(i), path + "/vars/" + i, limit));
        }
        return out;
    }

}
