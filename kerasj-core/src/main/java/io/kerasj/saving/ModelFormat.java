package io.kerasj.saving;

import io.kerasj.models.Model;

import java.nio.file.Path;

/**
 * A file format {@link Model#save} can write, as Keras's {@code model.save} chooses one by the path. The formats live
 * in {@code io.kerasj.saving} (a SavedModel directory, Keras 3's {@code .keras}) and are found with
 * {@link java.util.ServiceLoader}, so the model core does not depend on them.
 */
public interface ModelFormat {

    /**
     * @param path where the model is to be saved
     * @return true when this format writes paths like it (e.g. by their suffix)
     */
    boolean accepts(Path path);

    /**
     * Writes the model whole, or not at all.
     *
     * @param model the model, with its current weights
     * @param path where to write it
     * @param overwrite whether an existing output KerasJ wrote may be replaced
     */
    void save(Model model, Path path, boolean overwrite);
}
