package io.kerasj.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code Node}: one call of a layer on symbolic tensors. A layer called twice (a shared layer) has two
 * nodes and one set of weights. Node {@code i} of a layer is Keras's {@code layer._inbound_nodes[i]}, the
 * {@code [i]} of the summary's {@code dense[1][0]}.
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs = new ArrayList<>();
    private final int index;

    Node(Layer layer, List<KerasTensor> inputs, int index) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.index = index;
    }

    void addOutput(KerasTensor output) {
        output.producedBy(this, outputs.size());
        outputs.add(output);
    }

    /** @return the layer called */
    public Layer layer() {
        return layer;
    }

    /** @return the tensors it was called on, in order; empty for an {@link InputLayer}'s node */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** @return the tensors the call made, in order */
    public List<KerasTensor> outputs() {
        return List.copyOf(outputs);
    }

    /** @return this node's position among its layer's nodes */
    public int index() {
        return index;
    }

    /** @return true for the node of an {@link InputLayer}, which computes nothing */
    public boolean isInput() {
        return layer instanceof InputLayer;
    }

    @Override
    public String toString() {
        return layer.name() + "[" + index + "]";
    }
}
