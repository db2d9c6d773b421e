package io.kerasj.model;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.History;
import java.nio.file.Path;
import java.util.Map;

/** Writes a {@link Checkpoint} after every completed epoch (Keras's {@code ModelCheckpoint}, with optimizer state). */
public final class CheckpointCallback implements Callback {
    private final Sequential model;
    private final History history;
    private final Path dir;

    /**
     * @param model the model being trained
     * @param history the History {@code fit} records into (pass the same to {@link FitOptions#history})
     * @param dir the checkpoint directory
     */
    public CheckpointCallback(Sequential model, History history, Path dir) {
        this.model = model;
        this.history = history;
        this.dir = dir;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (!model.wasInterrupted()) {
            Checkpoint.of(model, epoch + 1, history).write(dir);
        }
    }
}
