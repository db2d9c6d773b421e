package io.kerasj.saving.savedmodel;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signature of a SavedModel: its key, method and its inputs and outputs, sorted by key.
 *
 * @param key the signature key, e.g. {@code serving_default}
 * @param methodName e.g. {@code tensorflow/serving/predict}
 * @param inputs inputs by key
 * @param outputs outputs by key
 */
public record SignatureSpec(String key, String methodName, SortedMap<String, TensorSpec> inputs,
                            SortedMap<String, TensorSpec> outputs) {

    /**
     * Copies the maps into unmodifiable sorted maps.
     *
     * @param key the signature key, e.g. {@code serving_default}
     * @param methodName e.g. {@code tensorflow/serving/predict}
     * @param inputs inputs by key
     * @param outputs outputs by key
     */
    public SignatureSpec {
        inputs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
        outputs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    }

    /** @return the inputs that are {@code DT_FLOAT} */
    public Map<String, TensorSpec> floatInputs() {
        TreeMap<String, TensorSpec> m = new TreeMap<>();
        inputs.forEach((k, v) -> {
            if (v.isFloat()) {
                m.put(k, v);
            }
        });
        return m;
    }
}
