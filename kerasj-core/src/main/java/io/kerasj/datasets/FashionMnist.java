package io.kerasj.datasets;

import io.kerasj.data.DatasetException;
import io.kerasj.data.TrainTest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fashion-MNIST, as Keras's {@code keras.datasets.fashion_mnist}: finds the four files, downloads them when
 * they are nowhere to be found, verifies their content's SHA-256 and parses them.
 *
 * <p>Resolution order: the explicit directory ({@code --data-dir} or the {@value #ENV_VAR} environment variable),
 * then Keras's cache {@code ~/.keras/datasets/fashion-mnist/}, then the system directories (Debian's
 * {@code dataset-fashion-mnist} package: {@code /usr/share/datasets/fashion-mnist/}), then a download from
 * Keras's mirror into Keras's cache. A directory counts as present only when it holds all four files. An
 * explicit directory is used or refused, never silently replaced by another. A copy that fails its checks
 * (in Keras's cache, say) is passed over for a good copy further down the list, with a one-line warning naming the
 * bad file; KerasJ never deletes it.
 */
public final class FashionMnist implements DatasetSource {

    /** The class names, indexed by label, as the notebook's {@code class_names}. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The environment variable naming an explicit data directory. */
    public static final String ENV_VAR = "KERASJ_DATA";

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The four canonical files with the size and SHA-256 of their decompressed content. */
    public enum IdxFile {
        /** Training images, 60,000 x 28 x 28. */
        TRAIN_IMAGES("train-images-idx3-ubyte.gz", 47040016L, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        /** Training labels, 60,000. */
        TRAIN_LABELS("train-labels-idx1-ubyte.gz", 60008L, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        /** Test images, 10,000 x 28 x 28. */
        TEST_IMAGES("t10k-images-idx3-ubyte.gz", 7840016L, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        /** Test labels, 10,000. */
        TEST_LABELS("t10k-labels-idx1-ubyte.gz", 10008L, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

        private final String fileName;
        private final long contentBytes;
        private final String contentSha256;

        IdxFile(String fileName, long contentBytes, String contentSha256) {
            this.fileName = fileName;
            this.contentBytes = contentBytes;
            this.contentSha256 = contentSha256;
        }

        /** @return the file name, e.g. {@code train-images-idx3-ubyte.gz} */
        public String fileName() {
            return fileName;
        }

        /** @return the size of the decompressed content in bytes */
        public long contentBytes() {
            return contentBytes;
        }

        /** @return the lower-case hexadecimal SHA-256 of the decompressed content */
        public String contentSha256() {
            return contentSha256;
        }
    }

    private static final IdxFolder.FileNames NAMES = new IdxFolder.FileNames(IdxFile.TRAIN_IMAGES.fileName(),
            IdxFile.TRAIN_LABELS.fileName(), IdxFile.TEST_IMAGES.fileName(), IdxFile.TEST_LABELS.fileName());

    private static final String FIX = "install Debian's package (apt-get install -y dataset-fashion-mnist) or pass --data-dir DIR"
            + " (or set " + ENV_VAR + ") naming a directory holding the four .gz files";

    private final Path explicitDir;
    private final Path cacheDir;
    private final List<Path> systemDirs;
    private final Downloader downloader;
    private final PrintStream warnings;

    /**
     * As {@link #FashionMnist(Path, Path, List, Downloader, PrintStream)} with warnings on standard error.
     *
     * @param explicitDir the directory the user named, or null for none
     * @param cacheDir Keras's cache directory for this dataset (the download goes there)
     * @param systemDirs further directories to search, in order
     * @param downloader fetches missing files, or null to never download
     */
    public FashionMnist(Path explicitDir, Path cacheDir, List<Path> systemDirs, Downloader downloader) {
        this(explicitDir, cacheDir, systemDirs, downloader, System.err);
    }

    /**
     * @param explicitDir the directory the user named, or null for none
     * @param cacheDir Keras's cache directory for this dataset (the download goes there)
     * @param systemDirs further directories to search, in order
     * @param downloader fetches missing files, or null to never download
     * @param warnings where the one-line warning about a bad copy passed over goes
     */
    public FashionMnist(Path explicitDir, Path cacheDir, List<Path> systemDirs, Downloader downloader, PrintStream warnings) {
        this.explicitDir = explicitDir;
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.systemDirs = List.copyOf(systemDirs);
        this.downloader = downloader;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
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
     * @param progress where the download progress bar and warnings go, or null for no progress bar (warnings then go
     *     to standard error)
     * @return the dataset
     */
    public static FashionMnist withDefaults(Path explicitDir, Map<String, String> env, Path home, PrintStream progress) {
        Path explicit = explicitDir;
        String fromEnv = env.get(ENV_VAR);
        if (explicit == null && fromEnv != null && !fromEnv.isBlank()) {
            explicit = Path.of(fromEnv);
        }
        return new FashionMnist(explicit, kerasCacheDir(home), List.of(SYSTEM_DIR),
                new HttpDownloader(HttpDownloader.KERAS_MIRROR, progress), progress == null ? System.err : progress);
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
     * The directory that holds all four files, without downloading or reading them: the explicit directory if it
     * does, else the first of Keras's cache and the system directories that does.
     *
     * @return that directory, or empty when none holds all four
     */
    public Optional<Path> findLocal() {
        if (explicitDir != null) {
            return folder(explicitDir).firstMissing() == null ? Optional.of(explicitDir) : Optional.empty();
        }
        return candidates().stream().filter(dir -> folder(dir).firstMissing() == null).findFirst();
    }

    /**
     * Finds the directory holding the four files, downloading them into the cache when no directory has them. Only
     * presence counts here; {@link #loadData()} also passes over a copy that fails its checks.
     *
     * @return the directory to load from
     * @throws DatasetException when the explicit directory lacks a file, or nothing is found and the download fails
     */
    public Path locate() {
        if (explicitDir != null) {
            return checkedExplicitDir();
        }
        Optional<Path> local = findLocal();
        if (local.isPresent()) {
            return local.get();
        }
        downloadOrFail();
        return cacheDir;
    }

    /**
     * Keras's {@code load_data()}: {@code (x_train, y_train), (x_test, y_test)}. Without an explicit directory, a
     * copy that fails its checks is passed over for the next good one, with a one-line warning.
     *
     * @return 60,000 training and 10,000 test images of 28 x 28 with their labels
     * @throws DatasetException when a file is missing, unreadable, corrupt or inconsistent and no good copy exists;
     *     the message names the file and what to do
     */
    @Override
    public TrainTest loadData() {
        if (explicitDir != null) {
            return load(checkedExplicitDir());
        }
        DatasetException firstBroken = null;
        for (Path dir : candidates()) {
            if (folder(dir).firstMissing() != null) {
                continue;
            }
            try {
                TrainTest data = load(dir);
                if (firstBroken != null) {
                    warnings.println("warning: " + firstBroken.getMessage() + "; using the copy in " + dir
                            + " instead. Delete " + badFile(firstBroken) + " (KerasJ never deletes it) to stop this warning");
                }
                return data;
            } catch (DatasetException e) {
                if (firstBroken == null) {
                    firstBroken = e;
                }
            }
        }
        if (firstBroken != null) {
            throw brokenWithoutGoodCopy(firstBroken);
        }
        downloadOrFail();
        try {
            return load(cacheDir);
        } catch (DatasetException e) {
            throw brokenWithoutGoodCopy(e);
        }
    }

    /**
     * Loads and verifies the four files in {@code dir}.
     *
     * @param dir a directory holding the four .gz files
     * @return the training and test sets
     * @throws DatasetException when a file is missing, unreadable, corrupt or inconsistent
     */
    public static TrainTest load(Path dir) {
        return folder(dir).loadData();
    }

    private static IdxFolder folder(Path dir) {
        Map<String, String> sha256 = new LinkedHashMap<>();
        for (IdxFile file : IdxFile.values()) {
            sha256.put(file.fileName(), file.contentSha256());
        }
        return IdxFolder.of(dir, NAMES).withClassCount(CLASS_NAMES.size()).verifiedBy(sha256);
    }

    private List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(cacheDir);
        candidates.addAll(systemDirs);
        return candidates;
    }

    private Path checkedExplicitDir() {
        if (!Files.isDirectory(explicitDir)) {
            throw new DatasetException("data directory " + explicitDir + ": expected a directory holding the four Fashion-MNIST .gz files, found "
                    + (Files.exists(explicitDir) ? "a file" : "nothing"));
        }
        String missing = folder(explicitDir).firstMissing();
        if (missing != null) {
            throw new DatasetException(explicitDir.resolve(missing) + ": expected a Fashion-MNIST file in the data directory " + explicitDir
                    + ", found none");
        }
        return explicitDir;
    }

    private DatasetException brokenWithoutGoodCopy(DatasetException e) {
        return new DatasetException(e.getMessage() + "; no good copy found elsewhere: delete " + badFile(e)
                + " so that it is downloaded again, or " + FIX, e);
    }

    private static String badFile(DatasetException e) {
        return e.file().map(Path::toString).orElse("the four Fashion-MNIST files named above");
    }

    private void downloadOrFail() {
        List<String> looked = new ArrayList<>();
        for (Path dir : candidates()) {
            String missing = folder(dir).firstMissing();
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
    }

    private void download() throws IOException {
        Files.createDirectories(cacheDir);
        for (IdxFile file : IdxFile.values()) {
            Path target = cacheDir.resolve(file.fileName());
            if (Files.isRegularFile(target)) {
                continue;
            }
            Path temp = Files.createTempFile(cacheDir, file.fileName() + ".", ".part");
            try {
                downloader.download(file.fileName(), temp);
                byte[] content = IdxReader.decompress(Files.readAllBytes(temp), downloader.source() + file.fileName());
                Sha256.verify(content, file.contentSha256(), downloader.source() + file.fileName());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String oneLine(String message) {
        return message == null ? "no message" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
