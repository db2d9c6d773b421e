package io.kerasj.callbacks;

import java.util.List;

/**
 * What a callback may do to the model being trained, without depending on TensorFlow: one {@code fit}'s view of
 * the model (Keras's {@code callback.model}).
 */
public interface TrainingModel {

    /** Asks {@code fit} to stop (Keras's {@code model.stop_training = True}); checked after each chunk of steps. */
    void stopTraining();

    /** @return copies of all weights in layer order, each flat and row-major (Keras's {@code get_weights()}) */
    List<float[]> getWeights();

    /** @param weights values in the order and sizes {@link #getWeights()} returns */
    void setWeights(List<float[]> weights);

    /**
     * @return the optimizer's current learning rate (Keras's {@code model.optimizer.learning_rate})
     * @throws UnsupportedOperationException when this model has no optimizer
     */
    default double learningRate() {
        throw new UnsupportedOperationException("learning rate: this model has no optimizer");
    }

    /**
     * Sets the learning rate used from the next step on, without recompiling (Keras's
     * {@code model.optimizer.learning_rate = value}).
     *
     * @param learningRate a positive, finite value
     * @throws UnsupportedOperationException when this model has no optimizer
     */
    default void setLearningRate(double learningRate) {
        throw new UnsupportedOperationException("learning rate: this model has no optimizer");
    }
}
