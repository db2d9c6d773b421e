package io.kerasj.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.TrainingState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * The one ownership rule for every output KerasJ writes: a target is written when it is absent (or an empty
 * folder), and replaced only with {@code overwrite} and only when it is recognisably a KerasJ output of the same
 * {@link OutputKind}. {@code .} and its parents, {@code /}, the home folder, symbolic links, a file where a folder
 * goes (or a folder where a file goes), and files or folders KerasJ did not write are refused in one line, before any
 * work, with nothing touched. The messages name {@code flag} only for an existing output that may be replaced when
 * asked, so the library's words ({@code overwrite=true}) never become a command-line flag or the reverse.
 */
public final class OwnedOutputs {
    /** The file that marks a run folder as KerasJ's; it lists the entries KerasJ wrote there. */
    public static final String RUN_MARKER = ".kerasj-run";
    /** The file that marks a hyperparameter search's results folder as KerasJ's; its first line is its name. */
    public static final String TUNER_MARKER = ".kerasj-tuner";
    /** What a results folder may hold: its files, its trials, the best model, TensorBoard logs, temporaries of a killed write. */
    private static final Pattern TUNER_ENTRY = Pattern.compile("search\\.json|results\\.csv|best_model\\.keras|tensorboard"
            + "|trial_\\d{4,}\\.json|\\..+\\.tmp-\\d+-\\d+|\\.tmp-\\d+-\\d+-best_model\\.keras");
    /** The value KerasJ writes into a SavedModel's {@code meta_info_def.tensorflow_git_version}. */
    public static final String SAVED_MODEL_WRITER = "KerasJ";

    /** What {@code metadata.json}'s {@code written_by} says in the {@code .keras} files KerasJ writes. */
    public static final String KERAS_FILE_WRITER = "KerasJ";
    /** The member of a {@code .keras} archive that names its writer. */
    public static final String KERAS_METADATA = "metadata.json";
    private static final int MAX_METADATA_BYTES = 64 * 1024;

    private static final Set<String> SAVED_MODEL_ENTRIES = Set.of("saved_model.pb", "variables", "assets", "fingerprint.pb");
    private static final Pattern VARIABLES_FILE = Pattern.compile("variables\\.(index|data-\\d{5}-of-\\d{5})");
    /** A temporary that {@link AtomicFiles#write} leaves beside the backup file when killed mid-write. */
    private static final Pattern BACKUP_TEMPORARY = Pattern.compile(
            "\\." + Pattern.quote(BackupAndRestore.FILE_NAME) + "\\.tmp-\\d+-\\d+");
    private static final long MAX_REPORT_BYTES = 1 << 20;

    private OwnedOutputs() {
    }

    /**
     * Refuses a target that may not be written.
     *
     * @param target the output's path
     * @param kind what will be written there
     * @param overwrite whether an existing KerasJ output of that kind may be replaced
     * @param flag how the user asks for it, for the message, e.g. {@code --overwrite}
     * @throws OutputRefusedException when the target may not be written
     */
    public static void checkWritable(Path target, OutputKind kind, boolean overwrite, String flag) {
        Path path = target.toAbsolutePath().normalize();
        refuseProtected(target, path);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(path)) {
            throw new OutputRefusedException(target + ": is a symbolic link; expected a new path for " + kind.description()
                    + " (KerasJ does not write through links)");
        }
        boolean wantsFolder = !kind.isFile();
        if (wantsFolder && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(target + ": is a file; expected a folder for " + kind.description()
                    + ", left untouched");
        }
        if (!wantsFolder && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(target + ": is a folder; expected the file of " + kind.description() + ", left untouched");
        }
        if (wantsFolder && isEmptyFolder(path)) {
            return;
        }
        if (!kind.replaceable()) {
            throw new OutputRefusedException(target + ": already exists; KerasJ writes " + kind.description()
                    + " only as a new file: name another path, left untouched");
        }
        if (!overwrite) {
            throw new OutputRefusedException(target + ": already exists; pass " + flag + " to replace it");
        }
        String foreign = whyNotOwned(path, kind);
        if (foreign != null) {
            throw new OutputRefusedException(target + ": is not a KerasJ output (it " + foreign + "; only "
                    + kind.description() + " is replaced); refusing to replace it, left untouched");
        }
    }

    /**
     * @param path an existing path
     * @param kind the kind of KerasJ output expected there
     * @return null when {@code path} is that kind of KerasJ output, else what it holds instead (for a message)
     */
    public static String whyNotOwned(Path path, OutputKind kind) {
        try {
            return switch (kind) {
                case SAVED_MODEL -> savedModelProblem(path);
                case RUN -> runProblem(path);
                case CHECKPOINT -> checkpointProblem(path);
                case KERAS_FILE -> kerasFileProblem(path);
                case WEIGHTS_FILE -> weightsFileProblem(path);
                case REPORT -> reportProblem(path);
                case TUNER_RESULTS -> tunerProblem(path);
                case OUTPUTS, TFRECORD -> "is a file KerasJ never replaces";
            };
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    private static void refuseProtected(Path target, Path path) {
        if (path.getParent() == null) {
            throw new OutputRefusedException(target + ": is the file-system root; name a new folder instead");
        }
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (path.equals(home) || sameFile(path, home)) {
            throw new OutputRefusedException(target + ": is the home folder; name a new folder instead");
        }
        if (cwd.startsWith(path) || sameFile(path, cwd)) {
            throw new OutputRefusedException(target + ": is the current folder or one of its parents; name a new folder instead");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isEmptyFolder(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String checkpointProblem(Path dir) throws IOException {
        for (String name : names(dir)) {
            if (!name.equals(BackupAndRestore.FILE_NAME) && !isBackupTemporary(name)) {
                return "holds '" + name + "'";
            }
        }
        Path state = dir.resolve(BackupAndRestore.FILE_NAME);
        // only temporaries: a run killed while writing its first state
        return !Files.exists(state, LinkOption.NOFOLLOW_LINKS) || TrainingState.hasMagic(state) ? null
                : "holds a " + BackupAndRestore.FILE_NAME + " that is not KerasJ's";
    }

    /**
     * @param name a file name in a checkpoint ({@code backup_dir}) folder
     * @return true when it is a temporary left by a write of the backup file that was killed
     */
    public static boolean isBackupTemporary(String name) {
        return BACKUP_TEMPORARY.matcher(name).matches();
    }

    private static String unexpectedEntry(Path dir, Set<String> allowed, String required) throws IOException {
        List<String> names = names(dir);
        for (String name : names) {
            if (!allowed.contains(name)) {
                return "holds '" + name + "'";
            }
        }
        return names.contains(required) ? null : "has no " + required;
    }

    private static String savedModelProblem(Path dir) throws IOException {
        String entry = unexpectedEntry(dir, SAVED_MODEL_ENTRIES, "saved_model.pb");
        if (entry != null) {
            return entry;
        }
        Path variables = dir.resolve("variables");
        if (Files.exists(variables, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(variables, LinkOption.NOFOLLOW_LINKS)) {
                return "holds a file 'variables'";
            }
            for (String name : names(variables)) {
                if (!VARIABLES_FILE.matcher(name).matches()) {
                    return "holds 'variables/" + name + "'";
                }
            }
        }
        Path assets = dir.resolve("assets");
        if (Files.exists(assets, LinkOption.NOFOLLOW_LINKS) && (!Files.isDirectory(assets, LinkOption.NOFOLLOW_LINKS) || !isEmptyFolder(assets))) {
            return "holds assets";
        }
        Path pb = dir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb, LinkOption.NOFOLLOW_LINKS)) {
            return "has no saved_model.pb file";
        }
        SavedModel savedModel;
        try {
            savedModel = SavedModel.parseFrom(Files.readAllBytes(pb));
        } catch (IOException e) {
            return "holds a saved_model.pb that is not a SavedModel";
        }
        for (MetaGraphDef metaGraph : savedModel.getMetaGraphsList()) {
            if (SAVED_MODEL_WRITER.equals(metaGraph.getMetaInfoDef().getTensorflowGitVersion())) {
                return null;
            }
        }
        return "is a SavedModel that KerasJ did not write";
    }

    private static String runProblem(Path dir) throws IOException {
        Path marker = dir.resolve(RUN_MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            List<String> names = names(dir);
            return (names.isEmpty() ? "" : "holds '" + names.get(0) + "' and ") + "has no " + RUN_MARKER + " marker";
        }
        List<String> listed = Files.readAllLines(marker);
        if (listed.isEmpty() || !listed.get(0).equals(RUN_MARKER)) {
            return "holds a " + RUN_MARKER + " that KerasJ did not write";
        }
        for (String name : names(dir)) {
            if (!name.equals(RUN_MARKER) && !listed.subList(1, listed.size()).contains(name)) {
                return "holds '" + name + "', which KerasJ did not write";
            }
        }
        Path savedModel = dir.resolve("saved_model");
        if (Files.exists(savedModel, LinkOption.NOFOLLOW_LINKS)) {
            String problem = savedModelProblem(savedModel);
            if (problem != null) {
                return "has a saved_model folder that " + problem;
            }
        }
        return null;
    }

    private static String tunerProblem(Path dir) throws IOException {
        Path marker = dir.resolve(TUNER_MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            List<String> names = names(dir);
            return (names.isEmpty() ? "" : "holds '" + names.get(0) + "' and ") + "has no " + TUNER_MARKER + " marker";
        }
        if (Files.size(marker) > 1024 || !Files.readString(marker).startsWith(TUNER_MARKER)) {
            return "holds a " + TUNER_MARKER + " that KerasJ did not write";
        }
        for (String name : names(dir)) {
            if (!name.equals(TUNER_MARKER) && !TUNER_ENTRY.matcher(name).matches()) {
                return "holds '" + name + "', which KerasJ did not write";
            }
        }
        return null;
    }

    private static String kerasFileProblem(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry metadata = zip.getEntry(KERAS_METADATA);
            if (metadata == null) {
                return "is a file without the " + KERAS_METADATA + " of a .keras file";
            }
            byte[] text;
            try (InputStream in = zip.getInputStream(metadata)) {
                text = in.readNBytes(MAX_METADATA_BYTES + 1); // bounded, whatever the entry claims
            }
            if (text.length <= MAX_METADATA_BYTES) {
                JsonNode root = new ObjectMapper().readTree(text);
                if (root != null && KERAS_FILE_WRITER.equals(root.path("written_by").asText(""))) {
                    return null;
                }
            }
            return "is a .keras file that KerasJ did not write";
        } catch (IOException | RuntimeException e) {
            return "is a file that KerasJ did not write";
        }
    }

    /** The HDF5 root attribute that names KerasJ as the writer of a {@code .weights.h5} file. */
    public static final String WEIGHTS_WRITER_ATTRIBUTE = "written_by";

    private static String weightsFileProblem(Path file) {
        io.kerasj.runtime.QuietSlf4j.initialize(); // before jHDF
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(file)) {
            io.jhdf.api.Attribute writer = h5.getAttribute(WEIGHTS_WRITER_ATTRIBUTE);
            if (writer != null && writer.getSizeInBytes() <= MAX_METADATA_BYTES
                    && KERAS_FILE_WRITER.equals(String.valueOf(writer.getData()))) {
                return null;
            }
            return "is an HDF5 file that KerasJ did not write";
        } catch (RuntimeException e) {
            return "is a file that KerasJ did not write";
        }
    }

    private static String reportProblem(Path file) throws IOException {
        if (Files.size(file) > MAX_REPORT_BYTES) {
            return "is a file larger than a KerasJ report";
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root != null && root.path("written_by").asText("").startsWith("KerasJ")) {
                return null;
            }
        } catch (IOException e) {
            // not JSON: not ours
        }
        return "is a file that KerasJ did not write";
    }

    /**
     * Writes the marker that makes {@code dir} a KerasJ run folder, listing its entries.
     *
     * @param dir the complete run folder (before it is published)
     * @throws IOException when it cannot be written
     */
    public static void markRun(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(RUN_MARKER);
        lines.addAll(names(dir).stream().filter(n -> !n.equals(RUN_MARKER)).toList());
        Files.write(dir.resolve(RUN_MARKER), lines);
    }
}
