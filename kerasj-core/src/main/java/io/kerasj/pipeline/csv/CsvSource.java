package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CSV files as a {@link Pipeline} source, as {@code tf.data.experimental.make_csv_dataset} (without its batching,
 * shuffling and repeating, which are the pipeline's own steps) and the course's
 * {@code list_files(...).interleave(lambda f: TextLineDataset(f).skip(1), cycle_length=5).map(parse_csv_line)}:
 * <pre>{@code
 * Pipeline train = CsvSource.files(trainFiles).labelName("MedianHouseValue").cycleLength(5).build()
 *         .batch(32).repeat();
 * }</pre>
 * Each row becomes one element {@code (x, y)}: {@code y} the label column as {@code float32[1]}, {@code x} the other
 * selected columns as one {@code float32} vector in the file's column order, or, with {@link #featuresByName}, one
 * {@code float32[1]} per column keyed by its name (for a model of several named inputs). Without a label the elements
 * hold {@code x} alone. Fields are numbers; an empty field takes its column's default, and a column without one is
 * required. Files are streamed (never held whole); a row longer than {@link #maxRecordBytes} is refused before it is
 * read further. Bad data raises {@link PipelineException} in one line naming the file and the 1-based line.
 */
public final class CsvSource {
    /** The longest row accepted unless {@link #maxRecordBytes} says otherwise: 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private final List<Path> files;
    private List<String> columnNames;
    private boolean header = true;
    private Map<String, Float> defaultsByName = Map.of();
    private List<Float> defaultsBySelected;
    private List<String> selectColumns;
    private String labelName;
    private char delimiter = ',';
    private int cycleLength = 1;
    private Long shuffleSeed;
    private boolean featuresByName;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;

    private CsvSource(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /**
     * @param files the CSV files, read in this order (or interleaved, see {@link #cycleLength})
     * @return a source to configure, then {@link #build()}
     */
    public static CsvSource files(List<Path> files) {
        Objects.requireNonNull(files, "files").forEach(f -> Objects.requireNonNull(f, "a file"));
        return new CsvSource(files);
    }

    /** @return {@link #files(List)} of these files */
    public static CsvSource files(Path... files) {
        return files(Arrays.asList(files));
    }

    /**
     * @param names every column's name, in the file's order ({@code column_names}); without them the first file's
     *     header row names the columns. With names and a header, the header row is skipped unread.
     * @return this source
     */
    public CsvSource columnNames(List<String> names) {
        this.columnNames = List.copyOf(names);
        return this;
    }

    /** @param present whether each file starts with a header row ({@code header}, true by default) @return this source */
    public CsvSource header(boolean present) {
        this.header = present;
        return this;
    }

    /**
     * @param defaults a default for empty fields per column name; a column without one is required
     * @return this source
     */
    public CsvSource columnDefaults(Map<String, Float> defaults) {
        this.defaultsByName = new LinkedHashMap<>(defaults);
        this.defaultsBySelected = null;
        return this;
    }

    /**
     * @param defaults as {@code column_defaults}: one item per selected column (every column without a selection),
     *     the default for its empty fields, or null for a required column
     * @return this source
     */
    public CsvSource columnDefaults(List<Float> defaults) {
        this.defaultsBySelected = new ArrayList<>(defaults);
        this.defaultsByName = Map.of();
        return this;
    }

    /** @param names the columns to read ({@code select_columns}); the others are not parsed @return this source */
    public CsvSource selectColumns(String... names) {
        this.selectColumns = List.of(names);
        return this;
    }

    /** @param name the column that becomes {@code y} ({@code label_name}); none by default @return this source */
    public CsvSource labelName(String name) {
        this.labelName = Objects.requireNonNull(name, "labelName");
        return this;
    }

    /** @param delimiter the field delimiter ({@code field_delim}), one ASCII character @return this source */
    public CsvSource fieldDelimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /**
     * @param files how many files are read at once, one row from each in turn, as {@code interleave}'s
     *     {@code cycle_length} ({@code num_parallel_reads}); 1 (the default) reads the files one after the other
     * @return this source
     */
    public CsvSource cycleLength(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("cycleLength must be positive, got " + files);
        }
        this.cycleLength = files;
        return this;
    }

    /**
     * @param seed shuffle the order of the files at each pass, as {@code Dataset.list_files(shuffle=True, seed=seed)}
     *     ({@link Pipeline#shuffle} over the file names, its buffer the number of files): the pass's order comes from
     *     the seed and the epoch, so it is the same when a run is repeated
     * @return this source
     */
    public CsvSource shuffleFiles(long seed) {
        this.shuffleSeed = seed;
        return this;
    }

    /** @param byName give {@code x} as one array per feature column, keyed by its name @return this source */
    public CsvSource featuresByName(boolean byName) {
        this.featuresByName = byName;
        return this;
    }

    /** @param bytes the longest row accepted (1 MiB by default) @return this source */
    public CsvSource maxRecordBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + bytes);
        }
        this.maxRecordBytes = bytes;
        return this;
    }

    /**
     * Resolves the columns (reading the first file's header row when no names are given) and returns the source.
     *
     * @return the pipeline of rows
     * @throws PipelineException when there are no files, or the first file has no header row
     * @throws IllegalArgumentException when a selected, label or defaulted column is not a column
     */
    public Pipeline build() {
        if (files.isEmpty()) {
            throw new PipelineException("CSV source: no files given");
        }
        List<String> names = columnNames;
        if (names == null) {
            if (!header) {
                throw new IllegalArgumentException("without a header row the columns need names (columnNames)");
            }
            names = CsvHeader.read(files.get(0), delimiter, maxRecordBytes);
        }
        return new CsvPipeline(files, resolve(names), header, columnNames == null, delimiter, maxRecordBytes, cycleLength, shuffleSeed);
    }

    private CsvColumns resolve(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a CSV source needs at least one column");
        }
        if (names.size() != new java.util.HashSet<>(names).size()) {
            throw new IllegalArgumentException("the column names repeat a name: " + names);
        }
        List<Integer> selected = new ArrayList<>();
        if (selectColumns == null) {
            for (int i = 0; i < names.size(); i++) {
                selected.add(i);
            }
        } else {
            for (String name : selectColumns) {
                selected.add(indexOf(names, name, "selected"));
            }
            selected = selected.stream().distinct().sorted().toList();
        }
        int label = -1;
        if (labelName != null) {
            label = indexOf(names, labelName, "label");
            if (!selected.contains(label)) {
                throw new IllegalArgumentException("the label column '" + labelName + "' is not among the selected columns " + selectColumns);
            }
        }
        Float[] defaults = new Float[names.size()];
        if (defaultsBySelected != null) {
            if (defaultsBySelected.size() != selected.size()) {
                throw new IllegalArgumentException("columnDefaults has " + defaultsBySelected.size() + " items for "
                        + selected.size() + " selected columns");
            }
            for (int i = 0; i < selected.size(); i++) {
                defaults[selected.get(i)] = defaultsBySelected.get(i);
            }
        }
        for (Map.Entry<String, Float> d : defaultsByName.entrySet()) {
            defaults[indexOf(names, d.getKey(), "defaulted")] = d.getValue();
        }
        int finalLabel = label;
        int[] features = selected.stream().mapToInt(Integer::intValue).filter(i -> i != finalLabel).toArray();
        if (features.length == 0) {
            throw new IllegalArgumentException("no feature column is left besides the label '" + labelName + "'");
        }
        return new CsvColumns(names, features, label, defaults, featuresByName);
    }

    private static int indexOf(List<String> names, String name, String role) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("the " + role + " column '" + name + "' is not one of the columns " + names);
        }
        return i;
    }
}
