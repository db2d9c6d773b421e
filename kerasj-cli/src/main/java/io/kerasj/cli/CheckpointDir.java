package io.kerasj.cli;

import io.kerasj.io.IoMessages;
import io.kerasj.KerasJException;
import io.kerasj.io.OwnedOutputs;
import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.TrainingState;
import io.kerasj.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CLI's view of a {@code --checkpoint-dir}: the {@code backup_dir} of a {@link BackupAndRestore} that keeps its
 * file, read before any work so that the model can be rebuilt with the checkpoint's seed.
 */
final class CheckpointDir {
    private CheckpointDir() {
    }

    /**
     * @param dir the checkpoint directory
     * @return its state, checked whole (checksum, sizes) and holding the seed of the model it was written by
     * @throws KerasJException when there is none, or it is damaged, in one line naming the file
     */
    static TrainingState read(Path dir) {
        Path file = dir.resolve(BackupAndRestore.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new KerasJException(dir + ": expected a checkpoint directory holding " + BackupAndRestore.FILE_NAME
                    + ", found none");
        }
        TrainingState state = TrainingState.read(file);
        if (state.seed() == null) {
            throw new KerasJException(file + ": holds no model seed; expected a checkpoint written by kerasj notebook --checkpoint-dir");
        }
        return state;
    }

    /**
     * Loads the checkpoint's weights into a model built with its seed.
     *
     * @throws KerasJException when they do not fit the model
     */
    static void restoreWeights(TrainingState state, Sequential model, Path dir) {
        try {
            model.setWeights(state.weights());
        } catch (IllegalArgumentException e) {
            throw new KerasJException(dir.resolve(BackupAndRestore.FILE_NAME) + ": does not fit the notebook's model ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Deletes the temporaries that killed runs left beside the state file; call it holding the folder's lock.
     *
     * @param dir the checkpoint directory
     */
    static void removeTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> OwnedOutputs.isBackupTemporary(p.getFileName().toString())).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new KerasJException(dir + ": cannot remove a killed run's temporary: " + IoMessages.describe(e), e);
        }
    }

    /**
     * Deletes the state file of a checkpoint the user asked to replace ({@code --overwrite}, ownership checked).
     *
     * @param dir the checkpoint directory
     */
    static void discard(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(BackupAndRestore.FILE_NAME));
        } catch (IOException e) {
            throw new KerasJException(dir + ": cannot replace the checkpoint: " + IoMessages.describe(e), e);
        }
    }
}
