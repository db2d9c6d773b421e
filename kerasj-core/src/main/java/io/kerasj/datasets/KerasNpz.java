package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.NpyArray;
import io.kerasj.data.NpyConversions;
import io.kerasj.data.Npz;
import io.kerasj.data.Samples;
import io.kerasj.data.Targets;
import io.kerasj.data.TrainTest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset in one {@code .npz} file with the arrays {@code x_train, y_train, x_test, y_test}, as Keras's
 * {@code mnist.npz} (which {@code keras.datasets.mnist.load_data()} downloads into {@code ~/.keras/datasets/}).
 * {@code uint8} images stay bytes; integer targets are class labels (the class count given, or one more than the
 * largest label), float targets are kept as floats.
 */
public final class KerasNpz implements DatasetSource {

    /** The arrays the file must hold. */
    public static final List<String> KEYS = List.of("x_train", "y_train", "x_test", "y_test");

    private final Path file;
    private final int classCount;

    private KerasNpz(Path file, int classCount) {
        this.file = Objects.requireNonNull(file, "file");
        this.classCount = classCount;
    }

    /**
     * @param file the {@code .npz} file
     * @return the source
     */
    public static KerasNpz at(Path file) {
        return new KerasNpz(file, 0);
    }

    /**
     * @param home the user's home directory
     * @param fileName the file in Keras's cache, e.g. {@code mnist.npz}
     * @return the source reading {@code home/.keras/datasets/fileName}
     */
    public static KerasNpz inKerasCache(Path home, String fileName) {
        return at(home.resolve(".keras").resolve("datasets").resolve(fileName));
    }

    /** @return MNIST as Keras caches it: {@code ~/.keras/datasets/mnist.npz} */
    public static KerasNpz mnist() {
        return inKerasCache(Path.of(System.getProperty("user.home")), "mnist.npz");
    }

    /**
     * @param classCount the number of classes; every integer target must be in [0, classCount)
     * @return this source with the class count given
     * @throws IllegalArgumentException when {@code classCount < 1}
     */
    public KerasNpz withClassCount(int classCount) {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount: expected a positive value, found " + classCount);
        }
        return new KerasNpz(file, classCount);
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    @Override
    public TrainTest loadData() {
        if (!java.nio.file.Files.exists(file)) {
            throw new DatasetException(file + ": expected an .npz file with the arrays " + String.join(", ", KEYS)
                    + " (Keras's mnist.npz: run keras.datasets.mnist.load_data() once, or give its path), found none", null, file);
        }
        Map<String, NpyArray> arrays = Npz.read(file, KEYS);
        String where = file.toString();
        int classes = classCount > 0 ? classCount : NpyConversions.classCountOf(where, arrays.get("y_train"), arrays.get("y_test"));
        Dataset train = part(arrays, "train", classes);
        Dataset test = part(arrays, "test", classes);
        return new TrainTest(train, test);
    }

    private Dataset part(Map<String, NpyArray> arrays, String part, int classes) {
        String xSource = file + ":x_" + part;
        String ySource = file + ":y_" + part;
        try {
            Samples x = NpyConversions.samples(arrays.get("x_" + part), xSource);
            Targets y = NpyConversions.targets(arrays.get("y_" + part), classes, ySource);
            return Dataset.pair(x, xSource, y, ySource);
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
    }
}
