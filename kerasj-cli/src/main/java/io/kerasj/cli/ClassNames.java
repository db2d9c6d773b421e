package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.datasets.FashionMnist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Class names for {@code kerasj predict}: from a file (one per line), else Fashion-MNIST's for 10 classes. */
final class ClassNames {
    private static final int MAX_NAME_CHARS = 4096;
    private static final int MAX_NAMES = 1_000_000;
    private final List<String> names;

    private ClassNames(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * @param file a text file with one class name per line, or null
     * @return the names
     */
    static ClassNames read(Path file) {
        if (file == null) {
            return new ClassNames(List.of());
        }
        List<String> lines = new ArrayList<>();
        try (BoundedLines in = BoundedLines.open(file, MAX_NAME_CHARS)) {
            for (String line; (line = in.next()) != null; ) {
                if (!line.isBlank()) {
                    if (lines.size() == MAX_NAMES) {
                        throw new KerasJException(file + ": more than " + MAX_NAMES + " class names");
                    }
                    lines.add(line.strip());
                }
            }
        }
        if (lines.isEmpty()) {
            throw new KerasJException(file + ": no class names: expected one per line");
        }
        return new ClassNames(lines);
    }

    /** @return the names given, or empty */
    List<String> given() {
        return names;
    }

    /**
     * @param classes the model's number of output classes
     * @return the names for those classes: the file's, Fashion-MNIST's for 10, else none
     */
    List<String> forClasses(int classes) {
        if (!names.isEmpty()) {
            return names;
        }
        return classes == 10 ? FashionMnist.CLASS_NAMES : List.of();
    }

    /**
     * @param classIndex a class
     * @param classes the model's number of classes
     * @return its name, or {@code class N}
     */
    String name(int classIndex, int classes) {
        List<String> n = forClasses(classes);
        return classIndex >= 0 && classIndex < n.size() ? n.get(classIndex) : "class " + classIndex;
    }
}
