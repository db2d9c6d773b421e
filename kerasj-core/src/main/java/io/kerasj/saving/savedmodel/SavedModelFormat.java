package io.kerasj.saving.savedmodel;

import io.kerasj.saving.keras.KerasFiles;

import io.kerasj.models.Model;
import io.kerasj.saving.ModelFormat;
import java.nio.file.Path;

/** {@code model.save(dir)} for any path that names no Keras file: a TensorFlow SavedModel directory. */
public final class SavedModelFormat implements ModelFormat {

    /** Creates the format; {@link java.util.ServiceLoader} calls it. */
    public SavedModelFormat() {
    }

    @Override
    public boolean accepts(Path path) {
        return !KerasFiles.isModelFile(path);
    }

    @Override
    public void save(Model model, Path path, boolean overwrite) {
        SavedModelExport.export(model, path, overwrite);
    }
}
