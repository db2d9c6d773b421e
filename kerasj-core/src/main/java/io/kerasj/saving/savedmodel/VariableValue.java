package io.kerasj.saving.savedmodel;

import java.util.Arrays;

/**
 * The value of a float variable read from a loaded SavedModel: row-major values and their shape.
 *
 * @param name the variable's name, e.g. {@code dense/kernel}
 * @param values row-major values
 * @param shape dimensions, e.g. {784, 300}
 */
public record VariableValue(String name, float[] values, long[] shape) {

    /**
     * Copies the arrays.
     *
     * @param name the variable's name, e.g. {@code dense/kernel}
     * @param values row-major values
     * @param shape dimensions, e.g. {784, 300}
     */
    public VariableValue {
        values = values.clone();
        shape = shape.clone();
    }

    /** @return a copy of the values */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return e.g. {@code dense/kernel [784, 300]} */
    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape);
    }
}
