package io.kerasj.callbacks;

import java.nio.file.Path;
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

    /**
     * @return each weight's Keras path ({@code sequential/dense/kernel}), in {@link #getWeights()} order
     * @throws UnsupportedOperationException when this model does not name its weights
     */
    default List<String> weightPaths() {
        throw new UnsupportedOperationException("weight paths: this model does not name its weights");
    }

    /**
     * @return the serialized {@code GraphDef} of the training graph, for TensorBoard's graph dashboard, or null
     *     when there is none
     */
    default byte[] trainingGraphDef() {
        return null;
    }

    /**
     * @return the optimizer's state (slots, then the step count), empty before the first step
     * @throws UnsupportedOperationException when this model has no optimizer
     */
    default List<float[]> getOptimizerState() {
        throw new UnsupportedOperationException("optimizer state: this model has no optimizer");
    }

    /**
     * @param state values in the order and sizes {@link #getOptimizerState()} returns
     * @throws UnsupportedOperationException when this model has no optimizer
     */
    default void setOptimizerState(List<float[]> state) {
        throw new UnsupportedOperationException("optimizer state: this model has no optimizer");
    }

    /**
     * Writes the model with its current weights as a TensorFlow SavedModel (Keras's {@code model.save}), into a
     * temporary sibling renamed into place. An existing {@code dir} is replaced only when it is a SavedModel KerasJ
     * wrote; anything else there is refused, never replaced.
     *
     * @param dir the SavedModel directory
     * @throws UnsupportedOperationException when this model cannot be saved
     */
    default void save(Path dir) {
        throw new UnsupportedOperationException("save: this model cannot be saved");
    }

    /** @return true when this fit was interrupted (Ctrl-C) rather than finished or stopped by a callback */
    default boolean interrupted() {
        return false;
    }

    /**
     * Makes {@code fit} start at {@code epoch} (Keras's {@code model._initial_epoch}); only effective from
     * {@link Callback#onTrainBegin}, as Keras's BackupAndRestore uses it.
     *
     * @param epoch the zero-based epoch to start at
     * @throws UnsupportedOperationException when this model cannot resume
     */
    default void setInitialEpoch(int epoch) {
        throw new UnsupportedOperationException("initial epoch: this model cannot resume");
    }

    /** @return the seed of the model's first weights and shuffling, or null when it has none */
    default Long seed() {
        return null;
    }

    /**
     * @return false on a worker of a data-parallel group other than the chief (task 0), which writes nothing (Keras's
     *         {@code model.distribute_strategy.extended.should_checkpoint}); true when the model trains alone
     */
    default boolean isChief() {
        return true;
    }

    /** @return the History this fit records into, or null */
    default History history() {
        return null;
    }
}
