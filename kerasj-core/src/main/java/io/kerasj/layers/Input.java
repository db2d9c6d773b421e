package io.kerasj.layers;

import java.util.Arrays;

/**
 * Keras's {@code keras.Input(shape, dtype, name)}: a symbolic tensor a model starts from. In a functional model
 * it is one of the inputs, {@code new Model(input, output)}; in a {@link io.kerasj.models.Sequential}
 * ({@code model.add(new Input(28, 28, 1))}) it fixes the first layer's input shape. Its layer is an
 * {@link InputLayer}, named as Keras names it ({@code input_layer}, {@code input_layer_1}, ...) unless given a name.
 */
public final class Input extends KerasTensor {

    /**
     * A float32 input, named as Keras names it.
     *
     * @param shape the per-sample shape, all dimensions positive
     */
    public Input(long... shape) {
        this(shape, "float32", null);
    }

    /**
     * A float32 input.
     *
     * @param shape the per-sample shape, all dimensions positive
     */
    public Input(int... shape) {
        this(shape == null ? null : Arrays.stream(shape).asLongStream().toArray());
    }

    /**
     * @param shape the per-sample shape, all dimensions positive
     * @param name the input's name (its layer's, as Keras's {@code Input(name=...)}), or null for Keras's
     */
    public Input(long[] shape, String name) {
        this(shape, "float32", name);
    }

    /**
     * @param shape the per-sample shape, all dimensions positive
     * @param dtype {@code float32}, {@code int32} or {@code uint8}: integer inputs reach the graph as integers
     * @param name the input's name, or null for Keras's
     */
    public Input(long[] shape, String dtype, String name) {
        this(checkedShape(shape), checkedDtype(dtype), name != null ? name : Naming.autoName("InputLayer"), true);
    }

    private Input(long[] shape, String dtype, String name, boolean checked) {
        super(shape, dtype, name);
        InputLayer layer = new InputLayer(name, this);
        layer.build(shape);
        layer.recordNode(java.util.List.of(), java.util.List.of(this));
    }

    /** @return the {@link InputLayer} behind this input */
    @Override
    public InputLayer layer() {
        return (InputLayer) super.layer();
    }
}
