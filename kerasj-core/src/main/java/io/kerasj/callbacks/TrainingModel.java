package io.kerasj.callbacks;

import java.util.List;

/** What a callback may do to the model being trained, without depending on TensorFlow. */
public interface TrainingModel {

    /** Asks {@code fit} to stop after the current epoch (Keras's {@code model.stop_training = True}). */
    void stopTraining();

    /** @return copies of all weights in layer order, each flat and row-major (Keras's {@code get_weights()}) */
    List<float[]> getWeights();

    /** @param weights values in the order and sizes {@link #getWeights()} returns */
    void setWeights(List<float[]> weights);
}
