package io.kerasj.cli;

import io.kerasj.datasets.FashionMnist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --data-dir} option: where Fashion-MNIST is, overriding the search. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the four Fashion-MNIST .gz files (default: $KERASJ_DATA, "
                    + "~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist, else download).")
    Path dataDir;

    /** @return the dataset found through this option and the standard locations */
    public FashionMnist fashionMnist() {
        return FashionMnist.withDefaults(dataDir);
    }
}
