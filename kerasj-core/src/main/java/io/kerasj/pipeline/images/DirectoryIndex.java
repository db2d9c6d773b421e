package io.kerasj.pipeline.images;

import io.kerasj.data.NumpyRandomState;
import io.kerasj.pipeline.PipelineException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keras's {@code index_directory}: the image files of a folder with their labels, in Keras's order. With inferred
 * labels each non-hidden subfolder (sorted, or {@code class_names}' order) is a class; each class folder is walked as
 * Python's {@code os.walk} does (folders reached through links only with {@code follow_links}), its folders sorted by
 * path and their files by name, keeping the allowed extensions. Shuffling permutes the list with NumPy's legacy
 * {@code RandomState(seed).shuffle}, so a seed gives Keras's order. Python sorts strings by code point, so does this.
 */
final class DirectoryIndex {
    /** Keras's {@code ALLOWLIST_FORMATS}. */
    static final List<String> FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");
    /** What one index may list: a bound on folder trees that links make endless or huge. */
    static final int MAX_ENTRIES = 10_000_000;
    private static final int MAX_DEPTH = 256;
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    /** The files (relative to the folder, "/"-separated as Keras joins them), their labels and the class names. */
    record Result(List<String> files, int[] labels, List<String> classNames, List<String> skipped, List<String> unlisted) {
    }

    private final Path directory;
    private final boolean followLinks;
    private final List<String> skipped = new ArrayList<>();
    private final List<String> unlisted = new ArrayList<>();
    private int entries;

    private DirectoryIndex(Path directory, boolean followLinks) {
        this.directory = directory;
        this.followLinks = followLinks;
    }

    /**
     * @param directory the folder
     * @param inferLabels labels from the subfolders; false: every image under the folder, without labels
     * @param classNames the classes to read in label order, or null for every subfolder sorted
     * @param shuffle permute with {@code RandomState(seed)}
     * @param seed the seed
     * @param followLinks walk into linked folders
     * @return the index; {@code labels} and {@code classNames} are null without labels
     */
    static Result index(Path directory, boolean inferLabels, List<String> classNames, boolean shuffle, long seed,
            boolean followLinks) {
        if (!Files.isDirectory(directory)) {
            throw new PipelineException(directory + ": " + (Files.exists(directory) ? "not a folder" : "no such folder")
                    + ": expected a folder of images");
        }
        DirectoryIndex walker = new DirectoryIndex(directory, followLinks);
        List<String> subdirs;
        if (inferLabels) {
            List<String> found = walker.classFolders();
            if (classNames != null) {
                if (!new HashSet<>(found).containsAll(classNames)) {
                    throw new IllegalArgumentException("class_names: the names did not match the subfolders of " + directory
                            + ": expected " + found + " (or a subset of it), found " + classNames);
                }
                subdirs = classNames;
            } else {
                subdirs = found;
            }
        } else {
            if (classNames != null) {
                throw new IllegalArgumentException("class_names: not with labels=null (no labels)");
            }
            subdirs = List.of("");
        }
        List<String> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < subdirs.size(); c++) {
            String subdir = subdirs.get(c);
            for (String file : walker.walk(subdir.isEmpty() ? directory : directory.resolve(subdir))) {
                files.add(subdir.isEmpty() ? file : subdir + "/" + file);
                labels.add(c);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        if (shuffle) {
            int[] order = new NumpyRandomState(seed).permutation(files.size());
            List<String> shuffled = new ArrayList<>(files.size());
            int[] shuffledLabels = new int[labelArray.length];
            for (int i = 0; i < order.length; i++) {
                shuffled.add(files.get(order[i]));
                shuffledLabels[i] = labelArray[order[i]];
            }
            files = shuffled;
            labelArray = shuffledLabels;
        }
        return new Result(List.copyOf(files), inferLabels ? labelArray : null,
                inferLabels ? List.copyOf(subdirs) : null, List.copyOf(walker.skipped),
                List.copyOf(walker.unlisted));
    }

    /** Keras's classes: the sorted subfolders (links to folders count) whose names do not start with a dot. */
    private List<String> classFolders() {
        List<String> names = new ArrayList<>();
        for (Path entry : list(directory, true)) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry) && !name.startsWith(".")) {
                names.add(name);
            }
        }
        names.sort(CODE_POINT_ORDER);
        return names;
    }

    /**
     * Python's {@code sorted(os.walk(top), key=root)}: every folder under {@code top} (the top one first), in the
     * order of their paths, each with its files in name order; the files with an allowed extension are kept.
     *
     * @return the kept files, relative to {@code top}, "/"-separated
     */
    private List<String> walk(Path top) {
        Map<String, List<String>> filesByRoot = new TreeMap<>(CODE_POINT_ORDER);
        Set<Path> ancestors = new HashSet<>();
        walk(top, "", filesByRoot, ancestors, 0);
        List<String> kept = new ArrayList<>();
        String prefix = top.equals(directory) ? "" : top.getFileName() + "/";
        for (Map.Entry<String, List<String>> root : filesByRoot.entrySet()) {
            List<String> names = root.getValue();
            names.sort(CODE_POINT_ORDER);
            for (String name : names) {
                String relative = root.getKey().isEmpty() ? name : root.getKey() + "/" + name;
                if (hasImageExtension(name)) {
                    kept.add(relative);
                } else {
                    skipped.add(prefix + relative);
                }
            }
        }
        return kept;
    }

    private void walk(Path dir, String relative, Map<String, List<String>> filesByRoot, Set<Path> ancestors, int depth) {
        Path real = realPath(dir);
        if (real != null && !ancestors.add(real)) {
            return;
        }
        List<String> files = new ArrayList<>();
        filesByRoot.put(relative, files);
        List<Path> subfolders = new ArrayList<>();
        for (Path entry : list(dir, depth == 0)) {
            if (++entries > MAX_ENTRIES) {
                throw new PipelineException(directory + ": more than " + MAX_ENTRIES + " entries under the folder");
            }
            if (Files.isDirectory(entry)) {
                // os.walk lists a link to a folder among the folders and walks it only with followlinks
                if (followLinks || !Files.isSymbolicLink(entry)) {
                    subfolders.add(entry);
                }
            } else {
                files.add(entry.getFileName().toString());
            }
        }
        if (depth >= MAX_DEPTH && !subfolders.isEmpty()) {
            throw new PipelineException(dir + ": folders nested deeper than " + MAX_DEPTH + " levels");
        }
        for (Path sub : subfolders) {
            String name = sub.getFileName().toString();
            walk(sub, relative.isEmpty() ? name : relative + "/" + name, filesByRoot, ancestors, depth + 1);
        }
        if (real != null) {
            ancestors.remove(real);
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** The folder's entries; a folder below the top that cannot be read is passed over (as {@code os.walk} does) and named. */
    private List<Path> list(Path dir, boolean top) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                entries.add(p);
            }
        } catch (IOException | SecurityException e) {
            if (top) {
                throw new PipelineException(dir + ": cannot list the folder: " + e.getMessage());
            }
            unlisted.add(directory.relativize(dir).toString());
        }
        return entries;
    }

    static boolean hasImageExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String format : FORMATS) {
            if (lower.endsWith(format)) {
                return true;
            }
        }
        return false;
    }
}
