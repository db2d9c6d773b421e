package io.kerasj.engine;

import io.kerasj.layers.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's weight constraints ({@code BaseOptimizer.apply}: {@code variable.assign(variable.constraint(variable))}
 * after the update step): each trainable weight's constraint applied to its new value, inside the training step.
 */
final class WeightConstraints {
    private WeightConstraints() {
    }

    /**
     * @param trainable the trainable weights, in the optimizer's order
     * @param updated the optimizer's result: the new trainable weights, then its new slots
     * @return the same list with each constrained weight's value projected; the slots unchanged
     */
    static List<Operand<TFloat32>> apply(Ops tf, List<WeightSpec> trainable, List<Operand<TFloat32>> updated) {
        List<Operand<TFloat32>> result = new ArrayList<>(updated);
        for (int i = 0; i < trainable.size(); i++) {
            if (trainable.get(i).constraint() != null) {
                result.set(i, trainable.get(i).constraint().call(tf, updated.get(i)));
            }
        }
        return result;
    }
}
