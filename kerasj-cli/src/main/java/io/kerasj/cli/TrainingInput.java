package io.kerasj.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A {@code kerasj fit --train PATH} (or {@code --validation PATH}): which kind of data it is, found from the path
 * alone, and the files it names, all checked to exist before any work.
 * <ul>
 *   <li>{@link Kind#NPY}: {@code x.npy,y.npy} (samples, then targets), or a folder holding {@code y.npy} and
 *       {@code x.npy} (one model input) or {@code NAME.npy} for each model input NAME.</li>
 *   <li>{@link Kind#CSV}: a {@code .csv} file, a comma-separated list of them, or a folder of {@code .csv} shards
 *       (read in name order).</li>
 *   <li>{@link Kind#TFRECORD}: {@code .tfrecord}, {@code .tfrecords} or {@code .gz} files (one or a list), or a
 *       folder of them.</li>
 *   <li>{@link Kind#IMAGES}: a folder whose subfolders (one per class) hold images.</li>
 * </ul>
 *
 * @param kind the kind of data
 * @param files the files in reading order: for {@link Kind#NPY} a pair {@code x, y}; for a folder of {@code .npy}
 *     files, none (see {@code folder})
 * @param folder the folder given, or null for files
 */
record TrainingInput(Kind kind, List<Path> files, Path folder) {

    /** The kinds of training data {@code kerasj fit} reads. */
    enum Kind {
        /** NumPy arrays: samples and targets. */
        NPY("NumPy .npy"),
        /** CSV rows, one sample each with its label column. */
        CSV("CSV"),
        /** TFRecord files of {@code tf.train.Example}s. */
        TFRECORD("TFRecord"),
        /** A folder of image folders, one per class. */
        IMAGES("image folder");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** @return the kind's name for messages, e.g. "TFRecord" */
        String description() {
            return description;
        }
    }

    /** A path that is no training data {@code kerasj fit} reads; the message is one line for a usage error. */
    static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /** @return the path as given, for messages */
    String describe() {
        if (folder != null) {
            return folder.toString();
        }
        return String.join(",", files.stream().map(Path::toString).toList());
    }

    /**
     * @param spec the option's value: one path, or paths separated by commas
     * @return the input
     * @throws Refused when a path does not exist or is no kind of data {@code fit} reads
     */
    static TrainingInput parse(String spec) {
        if (spec.isBlank()) {
            throw new Refused("expected a path, found an empty one");
        }
        if (spec.contains(",")) {
            return list(spec);
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        requireFile(path);
        String name = lowerName(path);
        if (name.endsWith(".csv")) {
            return new TrainingInput(Kind.CSV, List.of(path), null);
        }
        if (isTfRecord(name)) {
            return new TrainingInput(Kind.TFRECORD, List.of(path), null);
        }
        if (name.endsWith(".npy")) {
            throw new Refused(path + ": give the samples and the targets as x.npy,y.npy, or a folder holding x.npy and y.npy");
        }
        throw new Refused(path + ": expected x.npy,y.npy, a .csv file, .tfrecord/.tfrecords/.gz files, or a folder of them "
                + "(or of class subfolders of images)");
    }

    private static TrainingInput list(String spec) {
        List<Path> paths = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            if (part.isBlank()) {
                throw new Refused("'" + spec + "': an empty path in the list");
            }
            Path p = Path.of(part.strip());
            requireFile(p);
            paths.add(p);
        }
        if (paths.stream().allMatch(p -> lowerName(p).endsWith(".npy"))) {
            if (paths.size() != 2) {
                throw new Refused("'" + spec + "': expected two .npy files, the samples and the targets (x.npy,y.npy), found " + paths.size());
            }
            return new TrainingInput(Kind.NPY, paths, null);
        }
        if (paths.stream().allMatch(p -> lowerName(p).endsWith(".csv"))) {
            return new TrainingInput(Kind.CSV, paths, null);
        }
        if (paths.stream().allMatch(p -> isTfRecord(lowerName(p)))) {
            return new TrainingInput(Kind.TFRECORD, paths, null);
        }
        throw new Refused("'" + spec + "': expected a list of files of one kind: x.npy,y.npy, .csv files or .tfrecord/.tfrecords/.gz files");
    }

    private static TrainingInput folder(Path dir) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new Refused(dir + ": cannot list the folder: " + io.kerasj.io.IoMessages.describe(
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
        }
        if (Files.isRegularFile(dir.resolve("y.npy"))) {
            return new TrainingInput(Kind.NPY, List.of(), dir);
        }
        List<Path> files = entries.stream().filter(Files::isRegularFile).toList();
        List<Path> csv = files.stream().filter(p -> lowerName(p).endsWith(".csv")).toList();
        List<Path> records = files.stream().filter(p -> isTfRecord(lowerName(p))).toList();
        if (!csv.isEmpty() && records.isEmpty()) {
            return new TrainingInput(Kind.CSV, csv, dir);
        }
        if (!records.isEmpty() && csv.isEmpty()) {
            return new TrainingInput(Kind.TFRECORD, records, dir);
        }
        if (!csv.isEmpty()) {
            throw new Refused(dir + ": holds both .csv and TFRecord files: expected shards of one kind");
        }
        if (entries.stream().anyMatch(Files::isDirectory)) {
            return new TrainingInput(Kind.IMAGES, List.of(), dir);
        }
        throw new Refused(dir + ": expected a folder holding x.npy and y.npy, .csv or TFRecord shards, or class subfolders of images");
    }

    private static void requireFile(Path p) {
        if (!Files.exists(p)) {
            throw new Refused(p + " does not exist");
        }
        if (!Files.isRegularFile(p)) {
            throw new Refused(p + " is not a regular file (a FIFO, socket or device)");
        }
    }

    private static boolean isTfRecord(String name) {
        return name.endsWith(".tfrecord") || name.endsWith(".tfrecords") || name.endsWith(".gz");
    }

    private static String lowerName(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
