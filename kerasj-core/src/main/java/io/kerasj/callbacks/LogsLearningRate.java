package io.kerasj.callbacks;

/**
 * Marks a callback whose presence puts the learning rate into each epoch's logs as {@code learning_rate} (after
 * the validation metrics, before any callback sees them), so that the History and every other callback record it.
 * Keras 3's {@code ReduceLROnPlateau} and {@code LearningRateScheduler} do this by writing into the shared logs;
 * here {@code fit} does it once for them, since the History is notified first. The value is the rate the epoch
 * trained with, read as Keras reads its float32 variable.
 */
public interface LogsLearningRate {
}
