package io.kerasj.callbacks;

import io.kerasj.KerasJException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras 3's {@code BackupAndRestore} at epoch granularity: after every epoch it writes the training state (weights,
 * optimizer state, learning rate, the epochs done and their logs) to {@code backup_dir/training_state.kerasj}, in
 * one checksummed file written atomically ({@link TrainingState}). When {@code fit} starts and that file exists, it
 * restores the state, puts the finished epochs back into the History and makes {@code fit} continue at the next
 * epoch, so a run killed at any moment (even {@code kill -9}) and started again with the same arguments ends with
 * the History and weights of an uninterrupted run. At the end of a run that was not interrupted it deletes its file
 * (and {@code backup_dir} when that is left empty), as Keras's {@code delete_checkpoint=True} does; it never deletes
 * anything else there. With {@code delete_checkpoint=False} the file stays, holding the finished run (this is how
 * {@code kerasj notebook --checkpoint-dir} keeps its checkpoint). The state records the model's seed, so that a
 * program can rebuild the same model before resuming; the callback itself does not compare seeds.
 *
 * <p>In a data-parallel fit ({@code MultiWorkerMirroredStrategy}) every worker gives it the same {@code backup_dir}
 * on a shared file system: every worker restores the state, and only the chief writes and deletes it, as Keras's.
 *
 * <p>Differences from Keras: one file instead of {@code latest.weights.h5} plus {@code training_metadata.json};
 * only {@code save_freq="epoch"}; Keras does not restore the History, this does.
 */
public final class BackupAndRestore implements Callback {
    /** The state file's name in {@code backup_dir}. */
    public static final String FILE_NAME = "training_state.kerasj";

    private final Path backupDir;
    private boolean deleteCheckpoint = true;
    private TrainingModel model;
    private final List<Map<String, Double>> epochLogs = new ArrayList<>();

    /**
     * With Keras's default {@code delete_checkpoint=True}.
     *
     * @param backupDir Keras's {@code backup_dir}: where the state is kept between runs
     */
    public BackupAndRestore(Path backupDir) {
        if (backupDir == null || backupDir.toString().isEmpty()) {
            throw new IllegalArgumentException("backup_dir: expected a directory, found none");
        }
        this.backupDir = backupDir;
    }

    /**
     * @param backupDir Keras's {@code backup_dir}: where the state is kept between runs
     * @param deleteCheckpoint Keras's {@code delete_checkpoint}: delete the state when training ends normally
     * @deprecated use {@code new BackupAndRestore(backupDir).deleteCheckpoint(deleteCheckpoint)}
     */
    @Deprecated
    public BackupAndRestore(Path backupDir, boolean deleteCheckpoint) {
        this(backupDir);
        deleteCheckpoint(deleteCheckpoint);
    }

    /**
     * @param delete Keras's {@code delete_checkpoint}: delete the state when training ends normally (default true)
     * @return this
     */
    public BackupAndRestore deleteCheckpoint(boolean delete) {
        this.deleteCheckpoint = delete;
        return this;
    }

    /** @return the state file */
    public Path stateFile() {
        return backupDir.resolve(FILE_NAME);
    }

    @Override
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    /** {@inheritDoc} Restores the state when there is one (an unreadable one is refused, never overwritten). */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epochLogs.clear();
        if (Files.isRegularFile(stateFile())) {
            restore(TrainingState.read(stateFile()));
        } else if (Files.exists(stateFile())) {
            throw new KerasJException("backup_dir: " + stateFile() + " exists but is not a file");
        }
    }

    private void restore(TrainingState state) {
        try {
            model.setWeights(state.weights());
            if (!state.optimizerState().isEmpty()) {
                model.setOptimizerState(state.optimizerState());
            }
        } catch (IllegalArgumentException e) {
            throw new KerasJException("backup_dir: " + stateFile() + " does not fit this model (" + e.getMessage()
                    + "); use another backup_dir or delete it", e);
        }
        if (!Double.isNaN(state.learningRate())) {
            model.setLearningRate(state.learningRate());
        }
        History history = model.history();
        for (int epoch = 0; epoch < state.epochLogs().size(); epoch++) {
            epochLogs.add(state.epochLogs().get(epoch));
            if (history != null) {
                history.onEpochEnd(epoch, new LinkedHashMap<>(state.epochLogs().get(epoch)));
            }
        }
        model.setInitialEpoch(state.epochsDone());
    }

    /** {@inheritDoc} Writes the state after the epoch. */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (model.interrupted() || !model.isChief()) {
            return; // a data-parallel worker other than the chief restores the chief's state and writes nothing
        }
        epochLogs.add(new LinkedHashMap<>(logs));
        double rate;
        try {
            rate = model.learningRate();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            rate = Double.NaN;
        }
        List<float[]> optimizer;
        try {
            optimizer = model.getOptimizerState();
        } catch (UnsupportedOperationException e) {
            optimizer = List.of();
        }
        new TrainingState(epoch + 1, rate, epochLogs, model.getWeights(), optimizer, model.seed()).write(stateFile());
    }

    /** {@inheritDoc} Deletes the state unless the run was interrupted or {@code delete_checkpoint} is false. */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (!deleteCheckpoint || model.interrupted() || !model.isChief()) {
            return;
        }
        try {
            Files.deleteIfExists(stateFile());
            if (!Files.isDirectory(backupDir)) {
                return;
            }
            try (var left = Files.list(backupDir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(backupDir);
                }
            }
        } catch (IOException e) {
            throw new KerasJException("backup_dir: cannot delete " + stateFile() + ": " + e.getMessage(), e);
        }
    }

    /** @return the backup directory */
    public Path backupDir() {
        return backupDir;
    }

    @Override
    public String toString() {
        return "BackupAndRestore(" + Objects.toString(backupDir) + ")";
    }
}
