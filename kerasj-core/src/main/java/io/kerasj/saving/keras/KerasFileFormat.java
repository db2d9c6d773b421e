package io.kerasj.saving.keras;

import io.kerasj.models.Model;
import io.kerasj.saving.ModelFormat;
import io.kerasj.models.Sequential;
import java.nio.file.Path;

/** {@code model.save("m.keras")}: Keras 3's format ({@link KerasFiles#save}). */
public final class KerasFileFormat implements ModelFormat {

    /** Creates the format; {@link java.util.ServiceLoader} calls it. */
    public KerasFileFormat() {
    }

    @Override
    public boolean accepts(Path path) {
        return KerasFiles.isKerasFile(path);
    }

    @Override
    public void save(Model model, Path path, boolean overwrite) {
        KerasFiles.save(model, path, overwrite);
    }
}
