package io.kerasj.saving.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.kerasj.layers.Layer;
import io.kerasj.models.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Keras 3's {@code model.weights.h5} with jHDF: {@code layers/<snake_case class>[_n]/vars/0, 1, ...} per layer
 * (with the layer's name as the {@code vars} group's attribute {@code name}, as Keras 3.5+ does; layers without
 * weights get no group, which Keras reads as no variables), and {@code optimizer/vars} (iteration, learning rate, then the optimizer's slots in
 * Keras's order, {@link KerasOptimizerVariables}) when the model is compiled.
 */
final class KerasWeightsWriter {
    private KerasWeightsWriter() {
    }

    static void write(Sequential model, Path file) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup layers = h5.putGroup("layers");
            Map<String, Integer> perClass = new HashMap<>();
            List<long[]> trainableShapes = new ArrayList<>();
            for (Layer layer : model.layers()) {
                String kerasClass = LayerRegistry.forLayer(layer).map(Map.Entry::getKey).orElse(layer.className());
                String base = io.kerasj.layers.Naming.snakeCase(kerasClass);
                int n = perClass.merge(base, 1, Integer::sum) - 1;
                List<float[]> values = layer.getWeights();
                if (values.isEmpty()) {
                    // jHDF 0.9.4 writes an empty group that neither it nor h5py can read back; Keras reads a missing
                    // group as a layer without variables, which these layers are.
                    continue;
                }
                WritableGroup vars = layers.putGroup(n == 0 ? base : base + "_" + n).putGroup("vars");
                vars.putAttribute("name", layer.name());
                for (int i = 0; i < values.size(); i++) {
                    long[] shape = layer.weightSpecs().get(i).shape();
                    vars.putDataset(Integer.toString(i), shaped(values.get(i), shape));
                    if (layer.weightSpecs().get(i).trainable()) {
                        trainableShapes.add(shape);
                    }
                }
            }
            if (model.compileConfig() != null) {
                KerasOptimizerVariables.of(model.compileConfig().optimizer())
                        .ifPresent(order -> writeOptimizer(model, order, h5.putGroup("optimizer").putGroup("vars"), trainableShapes));
            }
        }
    }

    /**
     * Writes the optimizer's variables as Keras 3 does: the iteration (int64), the learning rate, then the slots of
     * the trainable weights in Keras's order; a model not trained yet gets a fresh optimizer's values.
     */
    private static void writeOptimizer(Sequential model, KerasOptimizerVariables order, WritableGroup vars, List<long[]> shapes) {
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
