package io.kerasj.spark;

import io.kerasj.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A local Parquet output of {@code kerasj spark-predict}, written whole: Spark writes into a hidden sibling, which is
 * then renamed into place. An existing output is replaced only when it is a Spark Parquet folder (part files,
 * {@code _SUCCESS} and their checksums), never a user's other files.
 */
final class LocalParquetOutput {

    private static final Pattern SPARK_FILE = Pattern.compile("\\.?(part-.*|_SUCCESS)(\\.crc)?");

    private LocalParquetOutput() {
    }

    /** @param target the output folder @return the hidden sibling Spark writes into */
    static Path stagingFor(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".kerasj-tmp-" + ProcessHandle.current().pid());
    }

    /**
     * @param target an existing path
     * @return why it may not be replaced, or null when it is a Spark Parquet folder
     */
    static String whyNotReplaceable(Path target) {
        if (!Files.isDirectory(target)) {
            return "is not a folder Spark wrote";
        }
        try (var entries = Files.list(target)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !SPARK_FILE.matcher(name).matches()).limit(3).toList();
            return foreign.isEmpty() ? null : "holds files Spark did not write (" + String.join(", ", foreign) + ")";
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    /**
     * Moves {@code staging} to {@code target}; an existing target is moved aside first and deleted after.
     *
     * @param staging the complete output
     * @param target where it belongs
     * @throws IOException when a rename fails (the previous output is then put back)
     */
    static void publish(Path staging, Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            Files.move(staging, absolute);
            return;
        }
        Path old = absolute.resolveSibling("." + absolute.getFileName() + ".kerasj-old-" + ProcessHandle.current().pid());
        Files.move(absolute, old);
        try {
            Files.move(staging, absolute);
        } catch (IOException e) {
            Files.move(old, absolute);
            throw e;
        }
        AtomicFiles.deleteRecursively(old);
    }
}
