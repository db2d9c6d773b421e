package io.kerasj.layers;

import io.kerasj.constraints.Constraint;
import io.kerasj.initializers.Initializer;
import io.kerasj.regularizers.Regularizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a layer declares its weights in {@code build}, as Keras's {@code self.add_weight(...)}: each call returns
 * the handle the layer keeps.
 */
public final class WeightDeclarations {
    private final List<WeightSpec> declared = new ArrayList<>();

    WeightDeclarations() {
    }

    /**
     * Keras's {@code add_weight(name, shape, initializer, trainable)}.
     *
     * @param name the weight's name within the layer, e.g. {@code kernel}
     * @param shape its shape
     * @param initializer how its first values are drawn
     * @param trainable whether the optimizer updates it
     * @return the handle to keep
     * @throws IllegalArgumentException when the layer already declared a weight of that name
     */
    public WeightSpec add(String name, long[] shape, Initializer initializer, boolean trainable) {
        return add(name, shape, initializer, trainable, null, null);
    }

    /**
     * Keras's {@code add_weight(name, shape, initializer, trainable, regularizer, constraint)}.
     *
     * @param name the weight's name within the layer, e.g. {@code kernel}
     * @param shape its shape
     * @param initializer how its first values are drawn
     * @param trainable whether the optimizer updates it
     * @param regularizer a penalty on its value that training adds to the loss (trainable weights only, as Keras),
     *     or null
     * @param constraint applied to its new value after each optimizer update, or null
     * @return the handle to keep
     * @throws IllegalArgumentException when the layer already declared a weight of that name
     */
    public WeightSpec add(String name, long[] shape, Initializer initializer, boolean trainable, Regularizer regularizer,
                          Constraint constraint) {
        if (declared.stream().anyMatch(w -> w.name().equals(name))) {
            throw new IllegalArgumentException("weight '" + name + "' is declared twice");
        }
        WeightSpec weight = new WeightSpec(name, shape, initializer, trainable, regularizer, constraint);
        declared.add(weight);
        return weight;
    }

    List<WeightSpec> declared() {
        return List.copyOf(declared);
    }
}
