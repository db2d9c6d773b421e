package io.kerasj.saving.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerAttribute;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Keras 3's {@code model.weights.h5} with jHDF: {@code layers/<snake_case class>[_n]/vars/0, 1, ...} per layer
 * (a nested model's layers under {@code layers/functional/layers/...}, a custom layer's sublayers under its path and
 * field name, {@code layers/residual_block/conv1/vars/0})
 * (with the layer's name as the {@code vars} group's attribute {@code name}, as Keras 3.5+ does; layers without
 * weights get no group, which Keras reads as no variables), and {@code optimizer/vars} (iteration, learning rate, then the optimizer's slots in
 * Keras's order, {@link KerasOptimizerVariables}) when the model is compiled.
 */
final class KerasWeightsWriter {
    private KerasWeightsWriter() {
    }

    static void write(Model model, Path file) {
        write(model, file, false);
    }

    /**
     * @param model the model
     * @param file a new file
     * @param markWriter whether the root gets the attribute {@code written_by = "KerasJ"}, which lets KerasJ replace a
     *     {@code .weights.h5} file it wrote ({@link io.kerasj.io.OwnedOutputs}); Keras ignores it
     */
    static void write(Model model, Path file, boolean markWriter) {
        model.graph(); // the weights' values, a nested model's included, live in this model's graph
        List<Entry> entries = new ArrayList<>();
        walk("layers", model, Collections.newSetFromMap(new IdentityHashMap<>()), entries);
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            if (markWriter) {
                h5.putAttribute(io.kerasj.io.OwnedOutputs.WEIGHTS_WRITER_ATTRIBUTE, io.kerasj.io.OwnedOutputs.KERAS_FILE_WRITER);
            }
            Map<String, WritableGroup> groups = new HashMap<>();
            for (Entry entry : entries) {
                WritableGroup vars = group(h5, groups, entry.path() + "/vars");
                vars.putAttribute("name", entry.layer().name());
                List<WeightSpec> own = entry.layer().ownWeightSpecs();
                List<float[]> values = entry.layer().getWeights(); // the layer's own weights come first
                for (int i = 0; i < own.size(); i++) {
                    vars.putDataset(Integer.toString(i), shaped(values.get(i), own.get(i).shape()));
                }
            }
            if (model.compileConfig() != null) {
                List<long[]> trainableShapes = model.weightSpecs().stream().filter(WeightSpec::trainable).map(WeightSpec::shape).toList();
                KerasOptimizerVariables.of(model.compileConfig().optimizer())
                        .ifPresent(order -> writeOptimizer(model, order, h5.putGroup("optimizer").putGroup("vars"), trainableShapes));
            }
        }
    }

    /** A layer with weights and where Keras keeps them. */
    private record Entry(String path, Layer layer) {
    }

    /**
     * Keras's {@code _save_state}: each layer of a model at {@code layers/<snake_case class>[_n]} (numbered per class
     * in {@code model.layers} order), a nested model's layers under its own path, a layer met twice only the first time.
     */
    private static void walk(String path, Model model, Set<Layer> visited, List<Entry> out) {
        Map<String, Integer> perClass = new HashMap<>();
        for (Layer layer : KerasConfigWriter.savedLayers(model)) {
            String base = Naming.snakeCase(KerasConfigWriter.kerasClass(layer));
            int n = perClass.merge(base, 1, Integer::sum) - 1;
            String at = path + "/" + (n == 0 ? base : base + "_" + n);
            walkLayer(at, layer, visited, out);
        }
    }

    /**
     * One layer at its path: a model's layers under {@code <path>/layers}; a layer's own variables at
     * {@code <path>/vars}, then its sublayers (Keras's {@code _walk_saveable}: attributes sorted by name, those
     * starting with {@code _} last) at {@code <path>/<field>}, a list's items at {@code <path>/<field>/<snake_case
     * class>[_n]}.
     */
    private static void walkLayer(String at, Layer layer, Set<Layer> visited, List<Entry> out) {
        if (!visited.add(layer)) {
            return;
        }
        if (layer instanceof Model inner) {
            walk(at + "/layers", inner, visited, out);
            return;
        }
        if (!layer.ownWeightSpecs().isEmpty()) {
            // jHDF 0.9.4 writes an empty group that neither it nor h5py can read back; Keras reads a missing
            // group as a layer without variables, so only layers with weights get one.
            out.add(new Entry(at, layer));
        }
        for (LayerAttribute attribute : savedOrder(layer.sublayerAttributes())) {
            if (!attribute.list()) {
                walkLayer(at + "/" + attribute.name(), attribute.layers().get(0), visited, out);
                continue;
            }
            Map<String, Integer> used = new HashMap<>();
            for (Layer item : attribute.layers()) {
                String base = Naming.snakeCase(KerasConfigWriter.kerasClass(item));
                int n = used.merge(base, 1, Integer::sum) - 1;
                walkLayer(at + "/" + attribute.name() + "/" + (n == 0 ? base : base + "_" + n), item, visited, out);
            }
        }
    }

    /** Keras's {@code _walk_saveable} order: by attribute name, private ones ({@code _x}) last. */
    static List<LayerAttribute> savedOrder(List<LayerAttribute> attributes) {
        List<LayerAttribute> sorted = new ArrayList<>(attributes);
        sorted.sort(java.util.Comparator.comparing(a -> a.name().startsWith("_") ? "~" + a.name() : a.name()));
        return sorted;
    }

    private static WritableGroup group(WritableHdfFile h5, Map<String, WritableGroup> groups, String path) {
        WritableGroup known = groups.get(path);
        if (known != null) {
            return known;
        }
        int slash = path.lastIndexOf('/');
        WritableGroup made = slash < 0 ? h5.putGroup(path) : group(h5, groups, path.substring(0, slash)).putGroup(path.substring(slash + 1));
        groups.put(path, made);
        return made;
    }

    /**
     * Writes the optimizer's variables as Keras 3 does: the iteration (int64), the learning rate, then the slots of
     * the trainable weights in Keras's order; a model not trained yet gets a fresh optimizer's values.
     */
    private static void writeOptimizer(Model model, KerasOptimizerVariables order, WritableGroup vars, List<long[]> shapes) {
        var optimizer = model.compileConfig().optimizer();
        vars.putAttribute("name", optimizer.name().toLowerCase(java.util.Locale.ROOT));
        List<float[]> state = model.getOptimizerState();
        boolean trained = state.size() == shapes.size() * optimizer.slotsPerWeight() + 1;
        long iteration = trained ? (long) state.get(state.size() - 1)[0] : 0;
        vars.putDataset("0", iteration);
        vars.putDataset("1", (float) model.learningRate());
        List<float[]> values = order.toKeras(trained ? state.subList(0, state.size() - 1) : order.fresh(shapes), shapes.size());
        List<long[]> kerasShapes = order.shapes(shapes);
        for (int i = 0; i < values.size(); i++) {
            vars.putDataset(Integer.toString(2 + i), shaped(values.get(i), kerasShapes.get(i)));
        }
    }

    /** A flat row-major array as the nested Java array jHDF writes with the given shape (a Float for a scalar). */
    static Object shaped(float[] flat, long[] shape) {
        if (shape.length == 0) {
            return flat[0];
        }
        if (shape.length == 1) {
            return flat;
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        Object out = java.lang.reflect.Array.newInstance(float.class, dims);
        int rowLength = dims[dims.length - 1];
        int rows = flat.length / Math.max(rowLength, 1);
        for (int r = 0; r < rows; r++) {
            Object row = out;
            int index = r;
            int[] position = new int[dims.length - 1];
            for (int d = dims.length - 2; d >= 0; d--) {
                position[d] = index % dims[d];
                index /= dims[d];
            }
            for (int d = 0; d < dims.length - 1; d++) {
                row = java.lang.reflect.Array.get(row, position[d]);
            }
            System.arraycopy(flat, r * rowLength, row, 0, rowLength);
        }
        return out;
    }
}
