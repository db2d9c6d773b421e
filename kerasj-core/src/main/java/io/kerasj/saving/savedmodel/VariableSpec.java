package io.kerasj.saving.savedmodel;

import java.util.List;

/**
 * A variable of a SavedModel's graph.
 *
 * @param name the variable's name, e.g. {@code dense/kernel} (the resource's shared name, else the node name)
 * @param node the graph node holding it
 * @param dtype the TensorFlow dtype name, e.g. {@code DT_FLOAT}
 * @param shape its dimensions, e.g. [784, 300]; empty for a scalar
 */
public record VariableSpec(String name, String node, String dtype, List<Long> shape) {

    /**
     * Copies the shape.
     *
     * @param name the variable's name, e.g. {@code dense/kernel} (the resource's shared name, else the node name)
     * @param node the graph node holding it
     * @param dtype the TensorFlow dtype name, e.g. {@code DT_FLOAT}
     * @param shape its dimensions, e.g. [784, 300]; empty for a scalar
     */
    public VariableSpec {
        shape = List.copyOf(shape);
    }
}
