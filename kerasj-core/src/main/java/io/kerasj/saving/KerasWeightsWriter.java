package io.kerasj.saving;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.kerasj.layers.Layer;
import io.kerasj.model.Sequential;
import io.kerasj.train.Adam;
import io.kerasj.train.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Keras 3's {@code model.weights.h5} with jHDF: {@code layers/<snake_case class>[_n]/vars/0, 1, ...} per layer
 * (with the layer's name as the {@code vars} group's attribute {@code name}, as Keras 3.5+ does; layers without
 * weights get no group, which Keras reads as no variables), and {@code optimizer/vars} (iteration, learning rate, then the optimizer's slots per
 * weight) when the model is compiled.
 */
final class KerasWeightsWriter {
    private KerasWeightsWriter() {
    }

    static void write(Sequential model, Path file) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup layers = h5.putGroup("layers");
            Map<String, Integer> perClass = new HashMap<>();
            List<float[]> trainable = new ArrayList<>();
            List<long[]> trainableShapes = new ArrayList<>();
            for (Layer layer : model.layers()) {
                String kerasClass = LayerRegistry.forLayer(layer).map(Map.Entry::getKey).orElse(layer.className());
                String base = KerasWeightsReader.snakeCase(kerasClass);
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
                    trainable.add(values.get(i));
                    trainableShapes.add(shape);
                }
            }
            if (model.compileConfig() != null && slots(model.compileConfig().optimizer()) >= 0) {
                writeOptimizer(model, h5.putGroup("optimizer").putGroup("vars"), trainable, trainableShapes);
            }
        }
    }

    private static void writeOptimizer(Sequential model, WritableGroup vars, List<float[]> weights, List<long[]> shapes) {
        var optimizer = model.compileConfig().optimizer();
        double learningRate = optimizer.learningRate();
        int slots = slots(optimizer);
        vars.putAttribute("name", optimizer.name().toLowerCase(java.util.Locale.ROOT));
        List<float[]> state = model.getOptimizerState();
        boolean trained = state.size() == weights.size() * slots + 1;
        long iteration = trained ? (long) state.get(state.size() - 1)[0] : 0;
        vars.putDataset("0", iteration);
        vars.putDataset("1", (float) learningRate);
        int next = 2;
        for (int w = 0; w < weights.size(); w++) {
            for (int s = 0; s < slots; s++) {
                float[] value = trained ? state.get(w * slots + s) : new float[weights.get(w).length];
                vars.putDataset(Integer.toString(next++), shaped(value, shapes.get(w)));
            }
        }
    }

    /**
     * @param optimizer a KerasJ optimizer
     * @return its slots per weight when Keras 3 keeps them in the same order (SGD, Adam, AdamW), else -1: the file then
     *     holds no optimizer state and Keras starts from a fresh one, as for any model saved before training
     */
    static int slots(io.kerasj.train.Optimizer optimizer) {
        if (optimizer instanceof SGD sgd) {
            return sgd.momentum() != 0 ? 1 : 0;
        }
        return optimizer instanceof Adam || optimizer instanceof io.kerasj.train.AdamW ? 2 : -1;
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
