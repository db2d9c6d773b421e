package io.kerasj.pipeline.csv;

import io.kerasj.KerasJException;
import io.kerasj.io.IoMessages;
import io.kerasj.io.OutputKind;
import io.kerasj.io.OwnedOutputs;
import io.kerasj.io.Publication;
import io.kerasj.saving.keras.KerasFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes tables of numbers as CSV shards, as the course's {@code save_to_csv(output_dir, data, name_prefix, header,
 * n_parts)}: the rows split into {@code n_parts} consecutive parts as {@code np.array_split} splits them, each part a
 * file {@code PREFIX_NN.csv} with the header row first. The folder is published whole (built in a hidden sibling, then
 * renamed into place, see {@link Publication}) as a KerasJ output: an existing folder is replaced only with
 * {@code overwrite} and only when KerasJ wrote it; a user's folder is never touched.
 * <pre>{@code
 * Map<String, List<Path>> files = CsvShards.into(Path.of("generate_csv"))
 *         .add("train", header, trainRows, 20).add("valid", header, validRows, 10).write();
 * }</pre>
 * Numbers are written as the shortest decimal that reads back as the same float32 ({@link Float#toString}).
 */
public final class CsvShards {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path folder;
    private boolean overwrite;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private record Table(List<String> header, float[] rows, int parts) {
    }

    private CsvShards(Path folder) {
        this.folder = folder;
    }

    /** @param folder the folder to create (or, with {@link #overwrite}, replace) @return the writer */
    public static CsvShards into(Path folder) {
        return new CsvShards(Objects.requireNonNull(folder, "folder"));
    }

    /** @param replace replace a folder of shards KerasJ wrote earlier @return this writer */
    public CsvShards overwrite(boolean replace) {
        this.overwrite = replace;
        return this;
    }

    /**
     * @param prefix the files' name prefix ({@code train} gives {@code train_00.csv}, ...)
     * @param header the column names, one per column
     * @param rows the values, row-major, {@code header.size()} per row
     * @param parts how many files
     * @return this writer
     */
    public CsvShards add(String prefix, List<String> header, float[] rows, int parts) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a shard prefix is a plain file name (letters, digits, '.', '_', '-'), got '" + prefix + "'");
        }
        if (tables.containsKey(prefix)) {
            throw new IllegalArgumentException("the prefix '" + prefix + "' is given twice");
        }
        if (header.isEmpty() || rows.length % header.size() != 0) {
            throw new IllegalArgumentException(prefix + ": " + rows.length + " values are not whole rows of " + header.size() + " columns");
        }
        if (parts < 1 || parts > 10_000) {
            throw new IllegalArgumentException(prefix + ": parts must be between 1 and 10000, got " + parts);
        }
        tables.put(prefix, new Table(List.copyOf(header), rows, parts));
        return this;
    }

    /**
     * Writes every table's shards and publishes the folder.
     *
     * @return each prefix's files, in order, at their published paths
     * @throws io.kerasj.io.OutputRefusedException when the folder may not be written (before anything is written)
     * @throws KerasJException when writing fails; nothing is published then
     */
    public Map<String, List<Path>> write() {
        Map<String, List<Path>> written = new LinkedHashMap<>();
        try (Publication publication = Publication.begin(folder, OutputKind.RUN, overwrite, KerasFiles.OVERWRITE_ARGUMENT)) {
            Path staged = publication.staged();
            try {
                Files.createDirectory(staged);
                for (Map.Entry<String, Table> t : tables.entrySet()) {
                    List<Path> files = new ArrayList<>();
                    for (String name : writeTable(staged, t.getKey(), t.getValue())) {
                        files.add(publication.target().resolve(name));
                    }
                    written.put(t.getKey(), List.copyOf(files));
                }
                OwnedOutputs.markRun(staged);
            } catch (IOException e) {
                throw new KerasJException(folder + ": cannot write the CSV shards: " + IoMessages.describe(e), e);
            }
            publication.commit();
        }
        return written;
    }

    private static List<String> writeTable(Path dir, String prefix, Table table) throws IOException {
        int columns = table.header().size();
        int rows = table.rows().length / columns;
        int parts = table.parts();
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int part = 0; part < parts; part++) {
            // np.array_split: the first rows % parts parts hold one row more
            int count = rows / parts + (part < rows % parts ? 1 : 0);
            String name = String.format("%s_%02d.csv", prefix, part);
            try (Writer out = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
                writeRow(out, table.header());
                StringBuilder line = new StringBuilder();
                for (int r = start; r < start + count; r++) {
                    line.setLength(0);
                    for (int c = 0; c < columns; c++) {
                        if (c > 0) {
                            line.append(',');
                        }
                        line.append(table.rows()[r * columns + c]);
                    }
                    out.write(line.append('\n').toString());
                }
            }
            start += count;
            names.add(name);
        }
        return names;
    }

    private static void writeRow(Writer out, List<String> fields) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quoted(fields.get(i)));
        }
        out.write(line.append('\n').toString());
    }

    /** @return the field as RFC 4180 writes it: in quotes, its quotes doubled, when it holds a comma, quote or line break */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
