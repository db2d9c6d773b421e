package io.kerasj.layers;

import java.util.List;

/** Where a model keeps its layers' weight values: Java arrays before a session exists, the session after. */
public interface WeightStore {

    /**
     * @param layer a layer of the model
     * @return copies of its weight values, in {@link Layer#weightSpecs()} order
     */
    List<float[]> read(Layer layer);

    /**
     * @param layer a layer of the model
     * @param values new values, already checked against the specs
     */
    void write(Layer layer, List<float[]> values);
}
