package io.kerasj.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fashion-MNIST, as Keras's {@code keras.datasets.fashion_mnist}: finds the four files, downloads them when
 * they are nowhere to be found, verifies their content's SHA-256 and parses them.
 *
 * <p>Resolution order: the explicit directory ({@code --data-dir} or the {@value #ENV_VAR} environment variable),
 * then Keras's cache {@code ~/.keras/datasets/fashion-mnist/}, then the system directories (Debian's
 * {@code dataset-fashion-mnist} package: {@code /usr/share/datasets/fashion-mnist/}), then a download from
 * Keras's mirror into Keras's cache. A directory counts as present only when it holds all four files. An
 * explicit directory is used or refused, never silently replaced by another.
 */
public final class FashionMnist {

    /** The class names, indexed by label, as the notebook's {@code class_names}. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The environment variable naming an explicit data directory. */
    public static final String ENV_VAR = "KERASJ_DATA";

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String FIX = "install Debian's package (apt-get install -y dataset-fashion-mnist) or pass --data-dir DIR"
            + " (or set " + ENV_VAR + ") naming a directory holding the four .gz files";

    private final Path explicitDir;
    private final Path cacheDir;
    private final List<Path> systemDirs;
    private final Downloader downloader;

    /**
     * @param explicitDir the directory the user named, or null for none
     * @param cacheDir Keras's cache directory for this dataset (the download goes there)
     * @param systemDirs further directories to search, in order
     * @param downloader fetches missing files, or null to never download
     */
    public FashionMnist(Path explicitDir, Path cacheDir, List<Path> systemDirs, Downloader downloader) {
        this.explicitDir = explicitDir;
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.systemDirs = List.copyOf(systemDirs);
        this.downloader = downloader;
    }

    /**
     * The standard locations: {@code explicitDir}, else {@code $KERASJ_DATA}; {@code ~/.keras/datasets/fashion-mnist};
     * {@code /usr/share/datasets/fashion-mnist}; Keras's mirror with a progress bar on standard error.
     *
     * @param explicitDir the directory the user named, or null to use {@code $KERASJ_DATA} if set
     * @return the dataset
     */
    public static FashionMnist withDefaults(Path explicitDir) {
        return withDefaults(explicitDir, System.getenv(), Path.of(System.getProperty("user.home")), System.err);
    }

    /**
     * The standard locations with the environment and home directory given explicitly (for tests).
     *
     * @param explicitDir the directory the user named, or null to use {@code env.get("KERASJ_DATA")} if set
     * @param env the environment variables
     * @param home the user's home directory
     * @param progress where the download progress bar goes, or null for none
     * @return the dataset
     */
    public static FashionMnist withDefaults(Path explicitDir, Map<String, String> env, Path home, PrintStream progress) {
        Path explicit = explicitDir;
        String fromEnv = env.get(ENV_VAR);
        if (explicit == null && fromEnv != null && !fromEnv.isBlank()) {
            explicit = Path.of(fromEnv);
        }
        return new FashionMnist(explicit, kerasCacheDir(home), List.of(SYSTEM_DIR),
                new HttpDownloader(HttpDownloader.KERAS_MIRROR, progress));
    }

    /**
     * @param home the user's home directory
     * @return Keras's cache directory for Fashion-MNIST, {@code home/.keras/datasets/fashion-mnist}
     */
    public static Path kerasCacheDir(Path home) {
        return home.resolve(".keras").resolve("datasets").resolve("fashion-mnist");
    }

    /**
     * @param label a label in [0, 9]
     * @return its class name, e.g. "Ankle boot" for 9
     * @throws IllegalArgumentException when the label is out of range
     */
    public static String className(int label) {
        if (label < 0 || label >= CLASS_NAMES.size()) {
            throw new IllegalArgumentException("label: expected a value in [0, 9], found " + label);
        }
        return CLASS_NAMES.get(label);
    }

    /**
     * Finds the directory holding the four files, downloading them into the cache when no directory has them.
     *
     * @return the directory to load from
     * @throws DatasetException when the explicit directory lacks a file, or nothing is found and the download fails
     */
    public Path locate() {
        if (explicitDir != null) {
            if (!Files.isDirectory(explicitDir)) {
                throw new DatasetException("data directory " + explicitDir + ": expected a directory holding the four Fashion-MNIST .gz files, found "
                        + (Files.exists(explicitDir) ? "a file" : "nothing"));
            }
            String missing = firstMissing(explicitDir);
            if (missing != null) {
                throw new DatasetException(explicitDir.resolve(missing) + ": expected a Fashion-MNIST file in the data directory " + explicitDir
                        + ", found none");
            }
            return explicitDir;
        }
        List<String> looked = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        candidates.add(cacheDir);
        candidates.addAll(systemDirs);
        for (Path dir : candidates) {
            String missing = firstMissing(dir);
            if (missing == null) {
                return dir;
            }
            looked.add(dir + (Files.isDirectory(dir) ? " (missing " + missing + ")" : " (no such directory)"));
        }
        if (downloader == null) {
            throw new DatasetException("Fashion-MNIST not found: looked in " + String.join(", ", looked) + "; " + FIX);
        }
        try {
            download();
        } catch (IOException | DatasetException e) {
            throw new DatasetException("Fashion-MNIST not found: looked in " + String.join(", ", looked)
                    + ", and downloading from " + downloader.source() + " into " + cacheDir + " failed (" + oneLine(e.getMessage())
                    + "); " + FIX, e);
        }
        return cacheDir;
    }

    /**
     * Keras's {@code load_data()}: {@code (x_train, y_train), (x_test, y_test)} from the located directory.
     *
     * @return 60,000 training and 10,000 test images of 28 x 28 with their labels
     * @throws DatasetException when a file is missing, unreadable, corrupt or inconsistent
     */
    public TrainTest loadData() {
        return load(locate());
    }

    /**
     * Loads and verifies the four files in {@code dir}.
     *
     * @param dir a directory holding the four .gz files
     * @return the training and test sets
     * @throws DatasetException when a file is missing, unreadable, corrupt or inconsistent
     */
    public static TrainTest load(Path dir) {
        LabeledImages train = loadPair(dir, FashionMnistFile.TRAIN_IMAGES, FashionMnistFile.TRAIN_LABELS);
        LabeledImages test = loadPair(dir, FashionMnistFile.TEST_IMAGES, FashionMnistFile.TEST_LABELS);
        return new TrainTest(train, test);
    }

    private static LabeledImages loadPair(Path dir, FashionMnistFile imagesFile, FashionMnistFile labelsFile) {
        // Structure first (headers, label range, counts), checksums last: a broken header or a count mismatch says
        // more than a checksum mismatch would.
        String labelsSource = dir.resolve(labelsFile.fileName()).toString();
        byte[] labelsContent = labelsFile.read(dir);
        int[] labels = IdxReader.parseLabels(labelsContent, labelsSource);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new DatasetException(labelsSource + ": label " + i + ": expected a value in [0, 9], found " + labels[i]);
            }
        }
        String imagesSource = dir.resolve(imagesFile.fileName()).toString();
        byte[] imagesContent = imagesFile.read(dir);
        IdxImages images = IdxReader.parseImages(imagesContent, imagesSource);
        LabeledImages pair = LabeledImages.fromIdx(images, imagesSource, labels, labelsSource);
        labelsFile.verify(dir, labelsContent);
        imagesFile.verify(dir, imagesContent);
        return pair;
    }

    private void download() throws IOException {
        Files.createDirectories(cacheDir);
        for (FashionMnistFile file : FashionMnistFile.values()) {
            Path target = cacheDir.resolve(file.fileName());
            if (Files.isRegularFile(target)) {
                continue;
            }
            Path temp = Files.createTempFile(cacheDir, file.fileName() + ".", ".part");
            try {
                downloader.download(file.fileName(), temp);
                byte[] content = IdxReader.readContent(temp);
                Sha256.verify(content, file.contentSha256(), downloader.source() + file.fileName());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String firstMissing(Path dir) {
        for (FashionMnistFile file : FashionMnistFile.values()) {
            if (!Files.exists(dir.resolve(file.fileName()))) {
                return file.fileName();
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        return message == null ? "no message" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
