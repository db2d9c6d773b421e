package io.kerasj.datasets;

import io.kerasj.data.DatasetException;
import io.kerasj.data.Split;
import io.kerasj.data.StandardScaler;
import io.kerasj.data.TrainTest;
import io.kerasj.data.TrainTestSplit;

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
import java.util.Optional;

/**
 * California housing, as scikit-learn's {@code fetch_california_housing()}: 20,640 rows of eight float64 features
 * ({@link #FEATURE_NAMES}) and the median house value in units of 100,000 dollars.
 *
 * <p>Where it is looked for: the explicit directory alone when one is given (used or refused, never silently
 * replaced), else scikit-learn's data home ({@code $SCIKIT_LEARN_DATA}, else {@code ~/scikit_learn_data}); in a
 * directory, {@value #DATA_FILE} (the extracted file) first, then scikit-learn's archive {@value #ARCHIVE_FILE}
 * (member {@value #ARCHIVE_MEMBER}). When neither is there, the archive is downloaded from scikit-learn's URL
 * ({@value #URL}) into the data home, kept only when its SHA-256 is {@value #ARCHIVE_SHA256}. The data's content is
 * always checked against {@value #DATA_SHA256}. (scikit-learn itself keeps only {@code cal_housing.pkz}, a joblib
 * pickle, which KerasJ does not read: unpickling runs code.)
 *
 * <p>{@link #loadData()} is scikit-learn's {@code train_test_split(X, y, random_state=7)}; {@link #notebookSplit()}
 * adds the validation split ({@code random_state=11}) and the {@code StandardScaler} of the Keras course's notebooks.
 */
public final class CaliforniaHousing implements DatasetSource {

    /** The feature names, in column order, as {@code fetch_california_housing().feature_names}. */
    public static final List<String> FEATURE_NAMES = List.of(
            "MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude");

    /** The extracted data file. */
    public static final String DATA_FILE = "cal_housing.data";
    /** scikit-learn's archive. */
    public static final String ARCHIVE_FILE = "cal_housing.tgz";
    /** The data file's name inside the archive. */
    public static final String ARCHIVE_MEMBER = "CaliforniaHousing/cal_housing.data";
    /** SHA-256 of {@value #DATA_FILE}. */
    public static final String DATA_SHA256 = "a2b44dcc7e1c9091b43c4f458b25cbd1f7e8068d08edd26bc4703108d3fa6214";
    /** SHA-256 of scikit-learn's {@value #ARCHIVE_FILE}. */
    public static final String ARCHIVE_SHA256 = "aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681";
    /** Where scikit-learn downloads the archive from ({@code sklearn/datasets/_california_housing.py}). */
    public static final String URL = "https://ndownloader.figshare.com/files/5976036";
    /** The environment variable scikit-learn reads for its data home. */
    public static final String SKLEARN_DATA_ENV = "SCIKIT_LEARN_DATA";
    /** {@code random_state} of the test split. */
    public static final long TEST_SEED = 7;
    /** {@code random_state} of the validation split. */
    public static final long VALIDATION_SEED = 11;

    /** The largest file accepted (the data is 2,071,484 bytes). */
    static final long MAX_FILE_BYTES = 16L << 20;
    private static final long MAX_DECOMPRESSED_BYTES = 64L << 20;
    private static final String DOWNLOAD_BASE = "https://ndownloader.figshare.com/files/";
    private static final String DOWNLOAD_NAME = "5976036";

    private final Path dataDir;
    private final Path dataHome;
    private final Downloader downloader;
    private final String archiveSha256;

    /**
     * @param dataDir the directory the user named, or null for none
     * @param dataHome scikit-learn's data home (searched, and where a download goes)
     * @param downloader fetches scikit-learn's archive by the name {@code 5976036}, or null to never download
     */
    public CaliforniaHousing(Path dataDir, Path dataHome, Downloader downloader) {
        this(dataDir, dataHome, downloader, ARCHIVE_SHA256);
    }

    /** With another expected archive digest: lets tests download a repacked archive through a local downloader. */
    CaliforniaHousing(Path dataDir, Path dataHome, Downloader downloader, String archiveSha256) {
        this.dataDir = dataDir;
        this.dataHome = Objects.requireNonNull(dataHome, "dataHome");
        this.downloader = downloader;
        this.archiveSha256 = archiveSha256;
    }

    /**
     * The standard locations: {@code dataDir}; scikit-learn's data home; scikit-learn's URL with a progress bar on
     * standard error.
     *
     * @param dataDir the directory the user named, or null for none
     * @return the source
     */
    public static CaliforniaHousing withDefaults(Path dataDir) {
        return withDefaults(dataDir, System.getenv(), Path.of(System.getProperty("user.home")), System.err);
    }

    /**
     * @param dataDir the directory the user named, or null for none
     * @param env the environment variables
     * @param home the user's home directory
     * @param progress where the download progress bar goes, or null for none
     * @return the source
     */
    public static CaliforniaHousing withDefaults(Path dataDir, Map<String, String> env, Path home, PrintStream progress) {
        return new CaliforniaHousing(dataDir, sklearnDataHome(env, home), new HttpDownloader(DOWNLOAD_BASE, progress));
    }

    /**
     * scikit-learn's {@code get_data_home()}: {@code $SCIKIT_LEARN_DATA}, else {@code ~/scikit_learn_data}.
     *
     * @param env the environment variables
     * @param home the user's home directory
     * @return the data home
     */
    public static Path sklearnDataHome(Map<String, String> env, Path home) {
        String fromEnv = env.get(SKLEARN_DATA_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.startsWith("~/") ? home + fromEnv.substring(1) : fromEnv);
        }
        return home.resolve("scikit_learn_data");
    }

    /**
     * The file to read, without downloading: {@value #DATA_FILE} or {@value #ARCHIVE_FILE} in the explicit directory
     * if one is given, else in scikit-learn's data home.
     *
     * @return that file, or empty when there is none
     */
    public Optional<Path> findLocal() {
        Path dir = dataDir != null ? dataDir : dataHome;
        for (String name : List.of(DATA_FILE, ARCHIVE_FILE)) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * scikit-learn's {@code fetch_california_housing()}: finds (or downloads), checks and parses the data.
     *
     * @return all 20,640 rows in float64
     * @throws DatasetException one line naming the file (and the line, for a malformed row), or the places searched
     */
    public CaliforniaHousingTable table() {
        Optional<Path> local = findLocal();
        if (local.isPresent()) {
            return read(local.get());
        }
        if (dataDir != null) {
            throw new DatasetException("California housing not found: expected " + DATA_FILE + " or " + ARCHIVE_FILE
                    + " in the data directory " + dataDir + ", found " + (Files.isDirectory(dataDir) ? "neither" : "no such directory"));
        }
        return read(download());
    }

    /**
     * Reads and checks one file: {@value #DATA_FILE}, or an archive holding it as {@value #ARCHIVE_MEMBER}.
     *
     * @param file the file ({@code .tgz}, {@code .tar.gz} or the data itself)
     * @return the rows
     * @throws DatasetException naming the file (and line) when it is too large, unreadable, malformed or not the
     *     expected content
     */
    public static CaliforniaHousingTable read(Path file) {
        byte[] bytes = readBounded(file);
        String name = file.getFileName().toString();
        byte[] content = name.endsWith(".tgz") || name.endsWith(".tar.gz")
                ? TarGzMember.read(bytes, ARCHIVE_MEMBER, MAX_FILE_BYTES, MAX_DECOMPRESSED_BYTES, file.toString())
                : bytes;
        String source = name.endsWith(".tgz") || name.endsWith(".tar.gz") ? file + ":" + ARCHIVE_MEMBER : file.toString();
        try {
            CaliforniaHousingTable table = CaliforniaHousingTable.parse(content, source);
            Sha256.verify(content, DATA_SHA256, source);
            return table;
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
    }

    /**
     * scikit-learn's {@code train_test_split(X, y, random_state=7)} (test size 0.25), as float32.
     *
     * @return 15,480 training and 5,160 test rows, unscaled
     */
    @Override
    public TrainTest loadData() {
        CaliforniaHousingTable all = table();
        TrainTestSplit split = TrainTestSplit.of(all.rows(), TEST_SEED);
        return new TrainTest(all.select(split.train()).dataset(), all.select(split.test()).dataset());
    }

    /**
     * The Keras course's split: {@code train_test_split(X, y, random_state=7)}, then
     * {@code train_test_split(X_train_full, y_train_full, random_state=11)}, then a {@code StandardScaler} fitted on
     * the training rows applied to all three in float64, then float32.
     *
     * @return 3,870 validation, 11,610 training and 5,160 test rows, scaled
     */
    public Split notebookSplit() {
        return notebookSplit(table());
    }

    /**
     * @param all the rows, as {@link #table()} gives them
     * @return {@link #notebookSplit()} of those rows
     */
    public static Split notebookSplit(CaliforniaHousingTable all) {
        TrainTestSplit first = TrainTestSplit.of(all.rows(), TEST_SEED);
        CaliforniaHousingTable trainFull = all.select(first.train());
        CaliforniaHousingTable test = all.select(first.test());
        TrainTestSplit second = TrainTestSplit.of(trainFull.rows(), VALIDATION_SEED);
        CaliforniaHousingTable train = trainFull.select(second.train());
        CaliforniaHousingTable valid = trainFull.select(second.test());
        StandardScaler scaler = StandardScaler.fit(train.features(), CaliforniaHousingTable.FEATURES);
        return new Split(scaled(valid, scaler), scaled(train, scaler), scaled(test, scaler));
    }

    private static io.kerasj.data.Dataset scaled(CaliforniaHousingTable part, StandardScaler scaler) {
        return part.withFeatures(scaler.transform(part.features())).dataset();
    }

    private static byte[] readBounded(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DatasetException(file + ": expected at most " + MAX_FILE_BYTES + " bytes, found " + size, null, file);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new DatasetException(file + ": expected at most " + MAX_FILE_BYTES + " bytes, found more", null, file);
            }
            return bytes;
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e, file);
        }
    }

    private Path download() {
        String looked = "looked for " + DATA_FILE + " and " + ARCHIVE_FILE + " in " + dataHome;
        String fix = "pass a data directory holding " + DATA_FILE + " or scikit-learn's " + ARCHIVE_FILE;
        if (downloader == null) {
            throw new DatasetException("California housing not found: " + looked + "; " + fix);
        }
        Path target = dataHome.resolve(ARCHIVE_FILE);
        try {
            Files.createDirectories(dataHome);
            Path temp = Files.createTempFile(dataHome, ARCHIVE_FILE + ".", ".part");
            try {
                downloader.download(DOWNLOAD_NAME, temp);
                String from = downloader.source() + DOWNLOAD_NAME;
                String found = Sha256.hex(readBounded(temp));
                if (!found.equals(archiveSha256)) {
                    throw new DatasetException(from + ": SHA-256 of the archive: expected " + archiveSha256 + ", found " + found
                            + " (not scikit-learn's " + ARCHIVE_FILE + ")");
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException | DatasetException e) {
            throw new DatasetException("California housing not found: " + looked + ", and downloading " + ARCHIVE_FILE + " from "
                    + downloader.source() + DOWNLOAD_NAME + " into " + dataHome + " failed ("
                    + String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ") + "); " + fix, e);
        }
    }
}
