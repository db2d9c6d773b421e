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
            if (model.compileConfig() != null) {
                writeOptimizer(model, h5.putGroup("optimizer").putGroup("vars"), trainable, trainableShapes);
            }
        }
    }

    private static void writeOptimizer(Sequential model, WritableGroup vars, List<float[]> weights, List<long[]> shapes) {
        var optimizer = model.compileConfig().optimizer();
        double learningRate;
        int slots;
        if (optimizer instanceof SGD sgd) {
            learningRate = sgd.learningRate();
            slots = sgd.momentum() != 0 ? 1 : 0;
        } else if (optimizer instanceof Adam adam) {
            learningRate = adam.learningRate();
            slots = 2;
        } else {
            return;
        }
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

    /** A flat row-major array as the nested Java array jHDF writes with the given shape (rank 1 or 2). */
    static Object shaped(float[] flat, long[] shape) {
        if (shape.length == 1) {
            return flat;
        }
        if (shape.length == 2) {
            int rows = (int) shape[0];
            int cols = (int) shape[1];
            float[][] out = new float[rows][cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * cols, out[r], 0, cols);
            }
            return out;
        }
        throw new KerasFileException("weights of rank " + shape.length + ": KerasJ writes ranks 1 and 2");
    }
}
