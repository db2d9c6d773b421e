package io.kerasj.cli;

import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.datasets.FashionMnist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --data-dir} option: where the data is (Fashion-MNIST, or California housing), overriding the search. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the four Fashion-MNIST .gz files (default: $KERASJ_DATA, "
                    + "~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist, else download); for the "
                    + "California-housing notebooks, cal_housing.data or cal_housing.tgz (default: scikit-learn's data home, "
                    + "$SCIKIT_LEARN_DATA or ~/scikit_learn_data, else download).")
    Path dataDir;

    /** @return the dataset found through this option and the standard locations */
    public FashionMnist fashionMnist() {
        return FashionMnist.withDefaults(dataDir);
    }

    /** @return California housing found through this option, else scikit-learn's data home, else downloaded */
    public CaliforniaHousing californiaHousing() {
        return CaliforniaHousing.withDefaults(dataDir);
    }
}
