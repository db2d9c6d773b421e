package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.NpyConversions;
import io.kerasj.data.Npz;
import io.kerasj.data.Samples;
import io.kerasj.data.Targets;
import io.kerasj.data.TrainTest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A dataset as separate NumPy files: {@code x} and {@code y} for training and for test, each an {@code .npy} file or
 * an {@code .npz} file holding one array ({@code numpy.save} / {@code numpy.savez}). {@code uint8} samples stay
 * bytes; integer targets are class labels (the class count given, or one more than the largest label of both
 * sets), float targets are kept as floats.
 */
public final class NumpyFiles implements DatasetSource {

    private final Path xTrain;
    private final Path yTrain;
    private final Path xTest;
    private final Path yTest;
    private final int classCount;

    private NumpyFiles(Path xTrain, Path yTrain, Path xTest, Path yTest, int classCount) {
        this.xTrain = Objects.requireNonNull(xTrain, "xTrain");
        this.yTrain = Objects.requireNonNull(yTrain, "yTrain");
        this.xTest = Objects.requireNonNull(xTest, "xTest");
        this.yTest = Objects.requireNonNull(yTest, "yTest");
        this.classCount = classCount;
    }

    /**
     * @param xTrain the training samples
     * @param yTrain the training targets
     * @param xTest the test samples
     * @param yTest the test targets
     * @return the source; the class count of integer targets comes from their values
     */
    public static NumpyFiles of(Path xTrain, Path yTrain, Path xTest, Path yTest) {
        return new NumpyFiles(xTrain, yTrain, xTest, yTest, 0);
    }

    /**
     * @param classCount the number of classes; every integer target must be in [0, classCount)
     * @return this source with the class count given
     * @throws IllegalArgumentException when {@code classCount < 1}
     */
    public NumpyFiles withClassCount(int classCount) {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount: expected a positive value, found " + classCount);
        }
        return new NumpyFiles(xTrain, yTrain, xTest, yTest, classCount);
    }

    /**
     * Reads one {@code (x, y)} pair.
     *
     * @param x the samples file ({@code .npy}, or {@code .npz} with one array)
     * @param y the targets file
     * @param classCount the class count of integer targets, or 0 to take one more than the largest label
     * @return the dataset
     * @throws DatasetException naming the file on any error, or when the counts differ
     */
    public static Dataset pair(Path x, Path y, int classCount) {
        NpyArray xs = read(x);
        NpyArray ys = read(y);
        return toDataset(x, xs, y, ys, classCount > 0 ? classCount : NpyConversions.classCountOf(y.toString(), ys));
    }

    @Override
    public TrainTest loadData() {
        NpyArray yTrainArray = read(yTrain);
        NpyArray yTestArray = read(yTest);
        int classes = classCount > 0 ? classCount : NpyConversions.classCountOf(yTrain.toString(), yTrainArray, yTestArray);
        Dataset train = toDataset(xTrain, read(xTrain), yTrain, yTrainArray, classes);
        Dataset test = toDataset(xTest, read(xTest), yTest, yTestArray, classes);
        return new TrainTest(train, test);
    }

    /**
     * @param file an {@code .npy} file, or an {@code .npz} file holding one array
     * @return its array
     * @throws DatasetException naming the file on any error
     */
    public static NpyArray read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npz") ? Npz.readOnly(file) : Npy.read(file);
    }

    private static Dataset toDataset(Path xFile, NpyArray x, Path yFile, NpyArray y, int classes) {
        Samples samples;
        Targets targets;
        try {
            samples = NpyConversions.samples(x, xFile.toString());
        } catch (DatasetException e) {
            throw e.inFile(xFile);
        }
        try {
            targets = NpyConversions.targets(y, classes, yFile.toString());
        } catch (DatasetException e) {
            throw e.inFile(yFile);
        }
        return Dataset.pair(samples, xFile.toString(), targets, yFile.toString());
    }
}
