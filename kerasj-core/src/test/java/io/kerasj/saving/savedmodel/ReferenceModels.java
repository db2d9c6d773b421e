package io.kerasj.saving.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test fixture: the Python-Keras reference SavedModels in {@code <project root>/../shared/reference-models/}. */
public final class ReferenceModels {
    public static final Path ROOT = Path.of("").toAbsolutePath().getParent().resolve("shared").resolve("reference-models");
    public static final String KERAS212 = "keras212-mlp-300-100";
    public static final String KERAS214 = "keras214-mlp-128-64-dropout";

    private ReferenceModels() {
    }

    /** @return the model's folder, or skips the test when the reference-models folder is absent */
    public static Path dir(String name) {
        Path p = ROOT.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p.resolve("saved_model.pb")),
                "reference model " + name + " not found in " + ROOT + " (../shared/reference-models/ beside the project)");
        return p;
    }
}
