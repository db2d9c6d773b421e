package io.kerasj.cli;

import io.kerasj.io.OutputRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --tensorboard DIR} check made before any work: TensorBoard's event files go into {@code DIR/train} and
 * {@code DIR/validation}, new files beside any earlier runs' (as Keras's callback writes them), so those paths and
 * {@code DIR} itself must be folders or not exist yet, under a folder.
 */
final class TensorBoardDir {
    private static final List<String> RUNS = List.of("train", "validation");

    private TensorBoardDir() {
    }

    /**
     * @param logDir the {@code --tensorboard} folder
     * @throws OutputRefusedException when a file stands where a folder of the logs must be
     */
    static void check(Path logDir) {
        Path absolute = logDir.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing) || Files.isSymbolicLink(existing)) {
                if (!Files.isDirectory(existing)) {
                    throw new OutputRefusedException("--tensorboard " + logDir + ": " + existing
                            + (existing.equals(absolute) ? " is a file" : " is a file, not a folder")
                            + "; expected a folder for TensorBoard's logs");
                }
                break;
            }
        }
        for (String run : RUNS) {
            Path folder = absolute.resolve(run);
            if ((Files.exists(folder) || Files.isSymbolicLink(folder)) && !Files.isDirectory(folder)) {
                throw new OutputRefusedException("--tensorboard " + logDir + ": " + folder
                        + " is a file; expected a folder for TensorBoard's " + run + " logs");
            }
        }
    }
}
