package io.kerasj.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes files and directories so that readers see either the old complete version or the new complete one:
 * everything is written under a temporary name in the same directory, then renamed into place.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param file the file to create or replace
     * @param content what to write
     * @return the file
     * @throws IOException when it cannot be written; no temporary file is left behind
     */
    public static Path write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        replace(target, temporary, path -> {
            try (OutputStream out = Files.newOutputStream(path)) {
                content.writeTo(out);
            }
        });
        return file;
    }

    /** Writes one file at a path it is given. */
    @FunctionalInterface
    public interface PathContent {
        /**
         * @param temporary where to write the file; its name ends with the final file's name
         * @throws IOException when writing fails
         */
        void writeAt(Path temporary) throws IOException;
    }

    /**
     * As {@link #write(Path, Content)} for a writer that takes a path, e.g. one that picks a format by the name's
     * suffix: the temporary name ends with the file's name ({@code .tmp-<pid>-<n>-model.keras}).
     *
     * @param file the file to create or replace
     * @param content what writes it
     * @return the file
     * @throws IOException when it cannot be written; no temporary file is left behind
     */
    public static Path writeAt(Path file, PathContent content) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        replace(target, target.resolveSibling(".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + target.getFileName()), content);
        return file;
    }

    private static void replace(Path target, Path temporary, PathContent content) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            content.writeAt(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * @param file the file to create or replace
     * @param text its UTF-8 content
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path writeString(Path file, String text) throws IOException {
        return write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Deletes a directory tree, best effort: a leftover temporary directory is harmless and named as such.
     *
     * @param dir the directory
     */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
