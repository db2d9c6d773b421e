package io.kerasj.layers;

import java.util.List;

/**
 * Keras's functional merge helpers ({@code keras.layers.add([a, b])}, {@code keras.layers.concatenate([a, b])}, ...):
 * each makes a new merge layer, named as Keras names it, and calls it on the given symbolic tensors.
 * {@code KerasTensor sum = Merge.add(a, b);} is {@code new Add().apply(a, b)}.
 */
public final class Merge {
    private Merge() {
    }

    /**
     * Keras's {@code keras.layers.add(inputs)}.
     *
     * @param inputs two or more tensors that broadcast against each other
     * @return their elementwise sum, from a new {@link Add}
     */
    public static KerasTensor add(KerasTensor... inputs) {
        return new Add().apply(inputs);
    }

    /**
     * Keras's {@code keras.layers.subtract([a, b])}.
     *
     * @param a the tensor subtracted from
     * @param b the tensor subtracted
     * @return {@code a - b}, from a new {@link Subtract}
     */
    public static KerasTensor subtract(KerasTensor a, KerasTensor b) {
        return new Subtract().apply(a, b);
    }

    /**
     * Keras's {@code keras.layers.multiply(inputs)}.
     *
     * @param inputs two or more tensors that broadcast against each other
     * @return their elementwise product, from a new {@link Multiply}
     */
    public static KerasTensor multiply(KerasTensor... inputs) {
        return new Multiply().apply(inputs);
    }

    /**
     * Keras's {@code keras.layers.average(inputs)}.
     *
     * @param inputs two or more tensors that broadcast against each other
     * @return their elementwise mean, from a new {@link Average}
     */
    public static KerasTensor average(KerasTensor... inputs) {
        return new Average().apply(inputs);
    }

    /**
     * Keras's {@code keras.layers.maximum(inputs)}.
     *
     * @param inputs two or more tensors that broadcast against each other
     * @return their elementwise maximum, from a new {@link Maximum}
     */
    public static KerasTensor maximum(KerasTensor... inputs) {
        return new Maximum().apply(inputs);
    }

    /**
     * Keras's {@code keras.layers.minimum(inputs)}.
     *
     * @param inputs two or more tensors that broadcast against each other
     * @return their elementwise minimum, from a new {@link Minimum}
     */
    public static KerasTensor minimum(KerasTensor... inputs) {
        return new Minimum().apply(inputs);
    }

    /**
     * Keras's {@code keras.layers.concatenate(inputs)}: along the last axis.
     *
     * @param inputs two or more tensors of one shape but for the last axis
     * @return their concatenation, from a new {@link Concatenate}
     */
    public static KerasTensor concatenate(KerasTensor... inputs) {
        return new Concatenate().apply(inputs);
    }

    /**
     * Keras's {@code keras.layers.concatenate(inputs, axis)}.
     *
     * @param axis the axis to join along, counting the batch axis as 0; negative counts from the last
     * @param inputs two or more tensors of one shape but for that axis
     * @return their concatenation, from a new {@link Concatenate}
     */
    public static KerasTensor concatenate(int axis, KerasTensor... inputs) {
        return new Concatenate(axis).apply(inputs);
    }

    /**

    /**
     * Keras's {@code keras.layers.dot([a, b], axes)}.
     *
     * @param a the first tensor
     * @param b the second tensor
     * @param axes the axis of both to take the product along, counting the batch axis as 0 ({@code -1}: the last)
     * @return their dot product, from a new {@link Dot}
     */
    public static KerasTensor dot(KerasTensor a, KerasTensor b, int axes) {
        return new Dot(axes).apply(a, b);
    }

    /**
     * Keras's {@code keras.layers.dot([a, b], axes, normalize=normalize)}.
     *
     * @param a the first tensor
     * @param b the second tensor
     * @param axes the axis of both to take the product along, counting the batch axis as 0 ({@code -1}: the last)
     * @param normalize true for the cosine similarity (both L2-normalized along the axis first)
     * @return their dot product, from a new {@link Dot}
     */
    public static KerasTensor dot(KerasTensor a, KerasTensor b, int axes, boolean normalize) {
        return new Dot(axes).normalize(normalize).apply(a, b);
    }

    /**
     * Keras's {@code keras.layers.dot([a, b], axes=(axis1, axis2), normalize=normalize)}.
     *
     * @param a the first tensor
     * @param b the second tensor
     * @param axis1 the axis of {@code a}, counting the batch axis as 0
     * @param axis2 the axis of {@code b}
     * @param normalize true for the cosine similarity (both L2-normalized along their axes first)
     * @return their dot product, from a new {@link Dot}
     */
    public static KerasTensor dot(KerasTensor a, KerasTensor b, int axis1, int axis2, boolean normalize) {
        return new Dot(axis1, axis2).normalize(normalize).apply(a, b);
    }
}
