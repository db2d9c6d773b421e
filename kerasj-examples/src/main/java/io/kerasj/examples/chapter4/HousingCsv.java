package io.kerasj.examples.chapter4;

import io.kerasj.data.Dataset;
import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.csv.CsvShards;
import io.kerasj.pipeline.csv.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The course's {@code tf_data_generate_csv} and {@code tf_data_read_csv}: California housing, split and scaled as
 * the course does, written as CSV shards (the eight scaled features, then the target) and read back as
 * {@code csv_reader_dataset}:
 * <pre>{@code
 * def csv_reader_dataset(filenames, n_readers=5, batch_size=32, n_parse_threads=5, shuffle_buffer_size=10000):
 *     dataset = tf.data.Dataset.list_files(filenames)
 *     dataset = dataset.repeat()
 *     dataset = dataset.interleave(lambda filename: tf.data.TextLineDataset(filename).skip(1), cycle_length=n_readers)
 *     dataset.shuffle(shuffle_buffer_size)
 *     dataset = dataset.map(parse_csv_line, num_parallel_calls=n_parse_threads)
 *     dataset = dataset.batch(batch_size)
 *     return dataset
 * }</pre>
 * (the course's {@code dataset.shuffle(...)} result is dropped, so its rows are not shuffled; here the shuffle is
 * applied, as meant).
 */
public final class HousingCsv {
    /** The target column's name (the course spells it {@code MidianHouseValue}). */
    public static final String LABEL = "MedianHouseValue";
    /** The course's {@code n_parts}: 20 training shards, 10 validation and 10 test shards. */
    public static final int TRAIN_PARTS = 20;
    /** Validation and test shards. */
    public static final int OTHER_PARTS = 10;
    /** The course's {@code batch_size}. */
    public static final int BATCH_SIZE = 32;
    /** The course's {@code n_readers}: files read at once. */
    public static final int READERS = 5;
    /** The course's {@code shuffle_buffer_size}. */
    public static final int SHUFFLE_BUFFER = 10_000;

    /** The shards of the three parts. */
    public record Shards(List<Path> train, List<Path> valid, List<Path> test) {
    }

    private HousingCsv() {
    }

    /** @return the header: the eight feature names, then {@link #LABEL} */
    public static List<String> header() {
        List<String> names = new ArrayList<>(CaliforniaHousing.FEATURE_NAMES);
        names.add(LABEL);
        return names;
    }

    /**
     * @param part rows of the split
     * @return {@code np.c_[x, y]}: each row's features then its target, row-major
     */
    public static float[] table(Dataset part) {
        float[] x = part.floats().toArray();
        float[] y = part.y().floatValues();
        int features = x.length / y.length;
        float[] rows = new float[y.length * (features + 1)];
        for (int r = 0; r < y.length; r++) {
            System.arraycopy(x, r * features, rows, r * (features + 1), features);
            rows[r * (features + 1) + features] = y[r];
        }
        return rows;
    }

    /**
     * The course's {@code save_to_csv} for the three parts, into one folder published whole ({@link CsvShards}).
     *
     * @param data the course's split
     * @param folder the folder to create ({@code generate_csv})
     * @param overwrite replace a folder of shards KerasJ wrote earlier
     * @return the files
     */
    public static Shards write(Split data, Path folder, boolean overwrite) {
        Map<String, List<Path>> files = CsvShards.into(folder).overwrite(overwrite)
                .add("train", header(), table(data.train()), TRAIN_PARTS)
                .add("valid", header(), table(data.validation()), OTHER_PARTS)
                .add("test", header(), table(data.test()), OTHER_PARTS)
                .write();
        return new Shards(files.get("train"), files.get("valid"), files.get("test"));
    }

    /**
     * The rows of CSV files, unbatched: {@code list_files(filenames, seed)} then {@code interleave(...,
     * cycle_length=n_readers)}, each line parsed to {@code (x, y)}: x the eight features, y the target as {@code [1]}.
     *
     * @param files the shards
     * @param readers files read at once
     * @param seed the seed of the files' order; each pass (epoch) shuffles them anew
     * @return the rows
     */
    public static Pipeline rows(List<Path> files, int readers, long seed) {
        return CsvSource.files(files).labelName(LABEL).cycleLength(readers).shuffleFiles(seed).build();
    }

    /**
     * The course's {@code csv_reader_dataset(filenames, n_readers, batch_size, shuffle_buffer_size)}: {@link #rows},
     * shuffled, batched and repeated forever (so {@code fit} needs {@code steps_per_epoch}).
     *
     * @param files the shards
     * @param batchSize rows per batch
     * @param seed the seed of the files' order and the shuffle
     * @return the batches
     */
    public static Pipeline readerDataset(List<Path> files, int batchSize, long seed) {
        return rows(files, READERS, seed).shuffle(SHUFFLE_BUFFER, seed).batch(batchSize).repeat();
    }
}
