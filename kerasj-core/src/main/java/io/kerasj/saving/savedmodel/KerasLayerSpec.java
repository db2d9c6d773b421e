package io.kerasj.saving.savedmodel;

import java.util.List;
import java.util.Optional;

/**
 * One layer of a Keras Sequential model as keras_metadata.pb describes it, with its weights in Keras order
 * (kernel [in, out] then bias [out] for Dense). Plain data for weight import.
 *
 * @param className the Keras class, e.g. {@code InputLayer}, {@code Flatten}, {@code Dense}, {@code Dropout}
 * @param name the layer name, e.g. {@code dense_1}
 * @param units Dense units, else empty
 * @param activation e.g. {@code relu}, {@code softmax}, {@code linear}; else empty
 * @param rate Dropout rate, else empty
 * @param inputShape the declared input shape without the batch dimension (null dimensions as -1), else empty
 * @param weights the layer's weights in Keras order; empty for layers without weights
 */
public record KerasLayerSpec(String className, String name, Optional<Integer> units, Optional<String> activation,
                             Optional<Double> rate, Optional<List<Long>> inputShape, List<VariableValue> weights) {

    /**
     * Copies the weights list.
     *
     * @param className the Keras class, e.g. {@code InputLayer}, {@code Flatten}, {@code Dense}, {@code Dropout}
     * @param name the layer name, e.g. {@code dense_1}
     * @param units Dense units, else empty
     * @param activation e.g. {@code relu}, {@code softmax}, {@code linear}; else empty
     * @param rate Dropout rate, else empty
     * @param inputShape the declared input shape without the batch dimension (null dimensions as -1), else empty
     * @param weights the layer's weights in Keras order; empty for layers without weights
     */
    public KerasLayerSpec {
        weights = List.copyOf(weights);
        inputShape = inputShape.map(List::copyOf);
    }

    /** @return true when the layer holds weights */
    public boolean hasWeights() {
        return !weights.isEmpty();
    }
}
