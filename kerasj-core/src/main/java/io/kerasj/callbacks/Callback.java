package io.kerasj.callbacks;

import java.util.Map;

/**
 * Hooks called by {@code fit}, {@code evaluate} and {@code predict}, as Keras's {@code keras.callbacks.Callback}. Every hook does
 * nothing by default. {@code logs} maps metric names ({@code loss}, {@code accuracy}, {@code val_loss},
 * {@code val_accuracy}) to values, in that order; it is read-only.
 *
 * <p>Training runs several steps per native call, so {@code onTrainBatchEnd} is called at the end of each such
 * chunk with the index of the chunk's last batch and the running means up to it (as Keras does with
 * {@code steps_per_execution}). A callback that needs exact batches asks for them with {@link #batchPeriod()}.
 */
public interface Callback {

    /**
     * Called once before training with the model, so that a callback can stop training or read and restore weights.
     *
     * @param model the model being trained
     */
    default void setModel(TrainingModel model) {
    }

    /**
     * Asks {@code fit} for exact batch hooks: with N > 0, {@link #onTrainBatchEnd} is called right after every
     * batch whose 1-based index, counted across the epochs of this {@code fit}, is a multiple of N (the in-graph
     * chunks end there). Keras's TensorBoard with {@code update_freq=N} counts batches so.
     *
     * @return N, or 0 when any chunk end will do
     */
    default int batchPeriod() {
        return 0;
    }

    /**
     * @param params {@code verbose}, {@code epochs}, {@code steps}, as Keras's {@code callback.params}
     */
    default void setParams(Map<String, Object> params) {
    }

    /** @param logs empty */
    default void onTrainBegin(Map<String, Double> logs) {
    }

    /** @param logs the last epoch's logs */
    default void onTrainEnd(Map<String, Double> logs) {
    }

    /**
     * @param epoch zero-based epoch index
     * @param logs empty
     */
    default void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param epoch zero-based epoch index
     * @param logs the epoch's means and the validation metrics
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param batch zero-based index of the first batch of the chunk
     * @param logs empty
     */
    default void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /**
     * @param batch zero-based index of the last batch run so far in this epoch
     * @param logs running means of the epoch so far
     */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** @param logs empty */
    default void onTestBegin(Map<String, Double> logs) {
    }

    /**
     * @param batch zero-based index of the last evaluation batch run so far
     * @param logs running means so far
     */
    default void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** @param logs the evaluation's results */
    default void onTestEnd(Map<String, Double> logs) {
    }

    /** @param logs empty */
    default void onPredictBegin(Map<String, Double> logs) {
    }

    /**
     * @param batch zero-based index of the last prediction batch run so far
     * @param logs empty
     */
    default void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** @param logs empty */
    default void onPredictEnd(Map<String, Double> logs) {
    }
}
