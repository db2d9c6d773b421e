package io.kerasj.saving;

import io.kerasj.layers.WeightSpec;
import io.kerasj.model.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Restores a compiled model's optimizer state from Keras 3's {@code optimizer/vars} (iteration, learning rate, then
 * each weight's slots: Adam's momentum and velocity, SGD's momentum), so that fine-tuning continues where the saved
 * training stopped. KerasJ keeps the slots grouped by weight and the step count last, in the same order.
 */
final class OptimizerState {
    private OptimizerState() {
    }

    static void restore(String file, Sequential model, List<NamedArray> saved, Consumer<String> warnings) {
        if (model.compileConfig() == null || saved.isEmpty()) {
            return;
        }
        int slots = KerasWeightsWriter.slots(model.compileConfig().optimizer());
        if (slots < 0) {
            return;
        }
        List<long[]> shapes = new ArrayList<>();
        model.layers().forEach(l -> l.weightSpecs().stream().map(WeightSpec::shape).forEach(shapes::add));
        if (saved.size() != 2 + slots * shapes.size()) {
            warnings.accept(file + ": optimizer state of " + saved.size() + " variables, expected " + (2 + slots * shapes.size())
                    + ": fine-tuning starts with a fresh optimizer state");
            return;
        }
        List<float[]> state = new ArrayList<>();
        for (int i = 0; i < slots * shapes.size(); i++) {
            NamedArray a = saved.get(2 + i);
            if (!Arrays.equals(a.shape(), shapes.get(i / slots))) {
                warnings.accept(file + ": optimizer variable " + a.name() + " has shape " + a.shapeText()
                        + ": fine-tuning starts with a fresh optimizer state");
                return;
            }
            state.add(a.values());
        }
        state.add(new float[] {saved.get(0).values()[0]});
        model.setOptimizerState(state);
    }
}
