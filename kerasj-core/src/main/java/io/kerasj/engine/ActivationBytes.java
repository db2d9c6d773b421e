package io.kerasj.engine;

import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Node;
import io.kerasj.models.Model;

/**
 * How many bytes one sample's activations take in a forward pass: the float32 values of every tensor of the
 * network, its inputs and every node's outputs, nested models' own nodes included. A conservative bound, since
 * TensorFlow frees a layer's output once its consumers have run: what {@link Slices#sizeFor} divides its budget by.
 */
final class ActivationBytes {
    private static final int FLOAT32 = Float.BYTES;
    /** Nested models deeper than this are not followed further (their outer node's outputs still count). */
    private static final int MAX_DEPTH = 64;

    private ActivationBytes() {
    }

    /**
     * @param network a model's graph
     * @return the bytes of one sample's activations, at least 1
     */
    static long perSample(Network network) {
        return Math.max(1, values(network, 0) * FLOAT32);
    }

    private static long values(Network network, int depth) {
        long values = 0;
        for (KerasTensor input : network.inputs()) {
            values = saturatedAdd(values, Layer.product(input.shape()));
        }
        for (Node node : network.nodes()) {
            if (node.isInput()) {
                continue;
            }
            for (KerasTensor output : node.outputs()) {
                values = saturatedAdd(values, Layer.product(output.shape()));
            }
            if (node.layer() instanceof Model nested && depth < MAX_DEPTH) {
                values = saturatedAdd(values, values(nested.network(), depth + 1));
            }
        }
        return values;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE / FLOAT32 : Math.min(sum, Long.MAX_VALUE / FLOAT32);
    }
}
