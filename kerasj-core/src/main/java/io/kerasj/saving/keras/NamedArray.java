package io.kerasj.saving.keras;

import java.util.Arrays;

/**
 * One weight tensor read from a file: its name there, its shape and its values, row-major.
 *
 * @param name the variable's name in the file, e.g. {@code dense/kernel:0} or {@code vars/0}
 * @param shape the dimensions
 * @param values the values
 */
public record NamedArray(String name, long[] shape, float[] values) {

    /** @return the shape as Keras prints it, e.g. {@code (784, 300)} */
    public String shapeText() {
        return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")";
    }
}
