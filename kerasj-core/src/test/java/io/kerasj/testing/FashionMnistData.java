package io.kerasj.testing;

import io.kerasj.datasets.FashionMnist;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find Fashion-MNIST: the product's own lookup ({@code $KERASJ_DATA}, Keras's cache, the system
 * folder), without downloading. Tests that need the data call {@link #dir()}, which skips them with a printed reason
 * where no local copy exists.
 */
public final class FashionMnistData {

    private FashionMnistData() {
    }

    /** @return the folder holding the four files, or empty when none does */
    public static Optional<Path> find() {
        return FashionMnist.withDefaults(null).findLocal();
    }

    /** @return the folder holding the four files; skips the calling test, saying why, when there is none */
    public static Path dir() {
        Optional<Path> dir = find();
        Assumptions.assumeTrue(dir.isPresent(), () -> "no local Fashion-MNIST: none of $" + FashionMnist.ENV_VAR + ", "
                + FashionMnist.kerasCacheDir(Path.of(System.getProperty("user.home"))) + ", " + FashionMnist.SYSTEM_DIR
                + " holds the four .gz files (apt-get install -y dataset-fashion-mnist, or set " + FashionMnist.ENV_VAR + ")");
        return dir.get();
    }
}
