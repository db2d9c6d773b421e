package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.Targets;
import io.kerasj.data.TrainTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A dataset stored as four IDX files in a folder, as MNIST is distributed: training images and labels, test images
 * and labels ({@code idx3-ubyte} images, {@code idx1-ubyte} labels, gzip-compressed or not). The class count is
 * given, or one more than the largest label of either set. Optionally, each file's decompressed content is checked
 * against a known SHA-256.
 */
public final class IdxFolder implements DatasetSource {

    /**
     * The four file names.
     *
     * @param trainImages the training images, e.g. {@code train-images-idx3-ubyte.gz}
     * @param trainLabels the training labels
     * @param testImages the test images
     * @param testLabels the test labels
     */
    public record FileNames(String trainImages, String trainLabels, String testImages, String testLabels) {

        /** MNIST's file names, as on its home page and Keras's mirror. */
        public static final FileNames MNIST = new FileNames("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

        /**
         * Checks that every name is given.
         *
         * @param trainImages the training images, e.g. {@code train-images-idx3-ubyte.gz}
         * @param trainLabels the training labels
         * @param testImages the test images
         * @param testLabels the test labels
         * @throws NullPointerException when a name is null
         */
        public FileNames {
            Objects.requireNonNull(trainImages, "trainImages");
            Objects.requireNonNull(trainLabels, "trainLabels");
            Objects.requireNonNull(testImages, "testImages");
            Objects.requireNonNull(testLabels, "testLabels");
        }

        /** @return the four names, in loading order of their pairs (labels before images) */
        public List<String> all() {
            return List.of(trainLabels, trainImages, testLabels, testImages);
        }
    }

    private final Path dir;
    private final FileNames names;
    private final int classCount;
    private final Map<String, String> sha256;

    private IdxFolder(Path dir, FileNames names, int classCount, Map<String, String> sha256) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.names = Objects.requireNonNull(names, "names");
        this.classCount = classCount;
        this.sha256 = Map.copyOf(sha256);
    }

    /**
     * @param dir the folder
     * @param names the four file names in it
     * @return the source; the class count comes from the labels
     */
    public static IdxFolder of(Path dir, FileNames names) {
        return new IdxFolder(dir, names, 0, Map.of());
    }

    /**
     * @param dir a folder holding the four files under MNIST's names
     * @return the source; the class count comes from the labels
     */
    public static IdxFolder of(Path dir) {
        return of(dir, FileNames.MNIST);
    }

    /**
     * @param classCount the number of classes; every label must be in [0, classCount)
     * @return this source with the class count given
     * @throws IllegalArgumentException when {@code classCount < 1}
     */
    public IdxFolder withClassCount(int classCount) {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount: expected a positive value, found " + classCount);
        }
        return new IdxFolder(dir, names, classCount, sha256);
    }

    /**
     * @param sha256ByFileName the lower-case hexadecimal SHA-256 of the decompressed content, by file name
     * @return this source checking those files' content
     */
    public IdxFolder verifiedBy(Map<String, String> sha256ByFileName) {
        return new IdxFolder(dir, names, classCount, sha256ByFileName);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return the four file names */
    public FileNames names() {
        return names;
    }

    /** @return the first of the four files absent from the folder, or null when all are present */
    public String firstMissing() {
        for (String name : names.all()) {
            if (!Files.exists(dir.resolve(name))) {
                return name;
            }
        }
        return null;
    }

    /**
     * Reads both pairs. Structure comes first (headers, label range, counts), checksums last: a broken header or a
     * count mismatch says more than a checksum mismatch would.
     *
     * @throws DatasetException naming the file, with {@link DatasetException#file()} set when one file is at fault
     */
    @Override
    public TrainTest loadData() {
        if (classCount > 0) {
            Dataset train = loadPair(names.trainImages, readLabels(names.trainLabels), classCount);
            return new TrainTest(train, loadPair(names.testImages, readLabels(names.testLabels), classCount));
        }
        LabelFile trainLabels = readLabels(names.trainLabels);
        LabelFile testLabels = readLabels(names.testLabels);
        int classes = Targets.classCountOf(trainLabels.labels, testLabels.labels);
        return new TrainTest(loadPair(names.trainImages, trainLabels, classes), loadPair(names.testImages, testLabels, classes));
    }

    /** A parsed label file with its content, kept for the checksum that comes last. */
    private record LabelFile(String name, int[] labels, byte[] content) {
    }

    private LabelFile readLabels(String name) {
        Path file = dir.resolve(name);
        return inFile(file, () -> {
            byte[] content = IdxReader.readContent(file);
            return new LabelFile(name, IdxReader.parseLabels(content, file.toString()), content);
        });
    }

    private Dataset loadPair(String imagesName, LabelFile labels, int classes) {
        Path labelsFile = dir.resolve(labels.name);
        Targets y = inFile(labelsFile, () -> Targets.wrapClasses(labels.labels, classes, labelsFile.toString()));
        Path imagesFile = dir.resolve(imagesName);
        byte[] content = inFile(imagesFile, () -> IdxReader.readContent(imagesFile));
        IdxImages images = inFile(imagesFile, () -> IdxReader.parseImages(content, imagesFile.toString()));
        Dataset pair = images.withLabels(imagesFile.toString(), y, labelsFile.toString());
        inFile(labelsFile, () -> verify(labels.name, labels.content));
        inFile(imagesFile, () -> verify(imagesName, content));
        return pair;
    }

    private boolean verify(String name, byte[] content) {
        String expected = sha256.get(name);
        if (expected != null) {
            Sha256.verify(content, expected, dir.resolve(name).toString());
        }
        return true;
    }

    private static <T> T inFile(Path file, Supplier<T> step) {
        try {
            return step.get();
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
    }
}
