package io.kerasj.layers;

import java.util.Arrays;

/**
 * Keras's {@code keras.Input(shape)}: the per-sample input shape of a model, given before its first layer
 * ({@code model.add(new Input(28, 28, 1))}). Not a layer: it holds no weights and {@code summary()} does not list
 * it, as Keras's Sequential does not.
 *
 * @param shape the per-sample shape, all dimensions positive
 */
public record Input(long[] shape) {

    /**
     * Checks and copies the shape.
     *
     * @param shape the per-sample shape, all dimensions positive
     */
    public Input {
        if (shape == null || shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("shape: expected positive dimensions, found " + Arrays.toString(shape));
        }
        shape = shape.clone();
    }

    /** @param shape the per-sample shape */
    public Input(int... shape) {
        this(shape == null ? null : Arrays.stream(shape).asLongStream().toArray());
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }
}
