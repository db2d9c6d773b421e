package io.kerasj.saving.keras;

import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Restores a compiled model's optimizer state from Keras 3's {@code optimizer/vars} (iteration, learning rate, then
 * the slots of the trainable weights in Keras's order, {@link KerasOptimizerVariables}), so that fine-tuning
 * continues where the saved training stopped. KerasJ keeps the slots grouped by weight and the step count last.
 */
final class OptimizerState {
    private OptimizerState() {
    }

    static void restore(String file, Model model, List<NamedArray> saved, Consumer<String> warnings) {
        if (model.compileConfig() == null || saved.isEmpty()) {
            return;
        }
        if (saved.size() > 1 && saved.get(1).values().length == 1) {
            float learningRate = saved.get(1).values()[0];
            if (learningRate > 0 && Float.isFinite(learningRate)) {
                model.setLearningRate(learningRate); // the current one, as a callback may have left it
            }
        }
        var order = KerasOptimizerVariables.of(model.compileConfig().optimizer());
        if (order.isEmpty()) {
            return;
        }
        if (saved.size() == 2) {
            return; // Keras's optimizer was never built (the model was not trained): its state is a fresh one's
        }
        List<long[]> shapes = new ArrayList<>();
        model.weightSpecs().stream().filter(WeightSpec::trainable).map(WeightSpec::shape).forEach(shapes::add);
        List<long[]> expected = order.get().shapes(shapes);
        if (saved.size() != 2 + expected.size()) {
            warnings.accept(file + ": optimizer state of " + saved.size() + " variables, expected " + (2 + expected.size())
                    + ": fine-tuning starts with a fresh optimizer state");
            return;
        }
        List<float[]> keras = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            NamedArray a = saved.get(2 + i);
            if (!Arrays.equals(a.shape(), expected.get(i))) {
                warnings.accept(file + ": optimizer variable " + a.name() + " has shape " + a.shapeText()
                        + ": fine-tuning starts with a fresh optimizer state");
                return;
            }
            keras.add(a.values());
        }
        List<float[]> state = new ArrayList<>(order.get().fromKeras(keras, shapes.size()));
        state.add(new float[] {saved.get(0).values()[0]});
        model.setOptimizerState(state);
    }
}
