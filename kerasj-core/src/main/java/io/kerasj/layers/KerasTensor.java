package io.kerasj.layers;

import java.util.Arrays;
import java.util.Objects;

/**
 * Keras's {@code KerasTensor}: a symbolic tensor, the output of a layer called on other symbolic tensors
 * ({@code new Dense(30, "relu").apply(input)}), or of an {@link Input}. It holds no values: its per-sample shape,
 * its dtype and where it came from (Keras's {@code _keras_history}: the node that produced it and which of the
 * node's outputs it is). Models are built from them: {@code new Model(inputs, outputs)}.
 */
public class KerasTensor {
    private final long[] shape;
    private final String dtype;
    private final String name;
    private Node node;
    private int index;

    /**
     * @param shape the per-sample shape (without the batch dimension), dimensions positive
     * @param dtype {@code float32}, {@code int32} or {@code uint8}
     * @param name the tensor's name, e.g. {@code dense_1/output}
     */
    KerasTensor(long[] shape, String dtype, String name) {
        this.shape = checkedShape(shape).clone();
        this.dtype = checkedDtype(dtype);
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Records which node made this tensor; done once, by the node. */
    final void producedBy(Node producer, int outputIndex) {
        if (node != null) {
            throw new IllegalStateException("tensor " + name + " already has a producer");
        }
        this.node = producer;
        this.index = outputIndex;
    }

    /** @return a copy of the per-sample shape (Keras's {@code shape} without the leading {@code None}) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return Keras's dtype name: {@code float32}, {@code int32} or {@code uint8} */
    public String dtype() {
        return dtype;
    }

    /** @return the tensor's name */
    public String name() {
        return name;
    }

    /** @return the node that produced this tensor (Keras's {@code _keras_history}) */
    public Node node() {
        return node;
    }

    /** @return which of its node's outputs this tensor is */
    public int index() {
        return index;
    }

    /** @return the layer that produced this tensor */
    public Layer layer() {
        return node.layer();
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + shapeText() + ", dtype=" + dtype + ", name=" + name + ">";
    }

    /** @return Keras's {@code (None, 8)} text of the batch shape */
    public String shapeText() {
        StringBuilder text = new StringBuilder("(None");
        for (long d : shape) {
            text.append(", ").append(d);
        }
        return text.append(')').toString();
    }

    static long[] checkedShape(long[] shape) {
        if (shape == null || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("shape: expected positive dimensions, found " + Arrays.toString(shape));
        }
        return shape;
    }

    static String checkedDtype(String dtype) {
        if (!"float32".equals(dtype) && !"int32".equals(dtype) && !"uint8".equals(dtype)) {
            throw new IllegalArgumentException("dtype: expected float32, int32 or uint8, found " + dtype);
        }
        return dtype;
    }
}
