package io.kerasj.examples.chapter4;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.tfrecord.FeatureSpec;
import io.kerasj.pipeline.tfrecord.FixedLenFeature;
import io.kerasj.pipeline.tfrecord.TFRecordCompression;
import io.kerasj.pipeline.tfrecord.TFRecordDataset;
import io.kerasj.pipeline.tfrecord.TFRecordWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's {@code tf_data_tfrecord}: the rows read from the CSV shards written again as TFRecord files of
 * {@code tf.train.Example}s ({@code input_features}: 8 floats, {@code label}: 1 float), plain or GZIP, and read back
 * as {@code tfrecords_reader_dataset}:
 * <pre>{@code
 * expected_features = {"input_features": tf.io.FixedLenFeature([8], dtype=tf.float32),
 *                      "label": tf.io.FixedLenFeature([1], dtype=tf.float32)}
 * dataset = tf.data.Dataset.list_files(filenames).repeat()
 * dataset = dataset.interleave(lambda f: tf.data.TFRecordDataset(f, compression_type="GZIP"), cycle_length=n_readers)
 * dataset = dataset.map(parse_example).batch(batch_size)
 * }</pre>
 * Each shard is named as the course names them, {@code train_00000-of-00020}; unlike the course (which cuts the
 * repeated CSV stream into {@code steps_per_shard} batches and drops the rest), every row is written once, the rows
 * split into consecutive shards as {@code np.array_split} splits them.
 */
public final class HousingTfRecords {
    /** The feature of the eight inputs. */
    public static final String FEATURES = "input_features";
    /** The feature of the target. */
    public static final String LABEL = "label";

    private HousingTfRecords() {
    }

    /** @return the course's {@code expected_features} */
    public static Map<String, FeatureSpec> expectedFeatures() {
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        spec.put(FEATURES, new FixedLenFeature(new long[] {8}, HostArray.DType.FLOAT32, null));
        spec.put(LABEL, new FixedLenFeature(new long[] {1}, HostArray.DType.FLOAT32, null));
        return spec;
    }

    /**
     * The course's {@code csv_dataset_to_tfrecords}: one pass of {@code rows} written to {@code shards} new files.
     *
     * @param rows unbatched {@code (x, y)} rows, e.g. {@link HousingCsv#rows}
     * @param folder where the files go (each file must be new: TFRecord files are never replaced)
     * @param prefix the files' prefix ({@code train})
     * @param shards how many files
     * @param compression none or GZIP (the course's {@code generate_tfrecords} and {@code generate_tfrecords_zip})
     * @return the files
     */
    public static List<Path> write(Pipeline rows, Path folder, String prefix, int shards, TFRecordCompression compression) {
        long count = rows.count();
        List<Path> files = new ArrayList<>();
        try (ElementIterator it = rows.iterator(0)) {
            for (int shard = 0; shard < shards; shard++) {
                long inShard = count / shards + (shard < count % shards ? 1 : 0);
                Path file = folder.resolve(String.format("%s_%05d-of-%05d", prefix, shard, shards));
                try (TFRecordWriter writer = TFRecordWriter.create(file, compression)) {
                    for (long i = 0; i < inShard; i++) {
                        Element row = it.next();
                        writer.writeExample(Map.of(FEATURES, row.x().get(0), LABEL, row.y().get(0)));
                    }
                    writer.commit();
                }
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The rows of TFRecord files: {@code list_files(filenames, seed)}, {@code interleave(TFRecordDataset,
     * cycle_length=readers)}, {@code map(parse_example)}.
     *
     * @param files the shards
     * @param compression how they are compressed
     * @param readers files read at once
     * @param seed the seed of the files' order (each pass shuffles them anew), or null to keep the order
     * @return {@code (input_features, label)} rows
     */
    public static Pipeline rows(List<Path> files, TFRecordCompression compression, int readers, Long seed) {
        Pipeline names = Pipeline.fromPaths(files);
        if (seed != null) {
            names = names.shuffle(files.size(), seed);
        }
        return names.interleave(f -> TFRecordDataset.of(List.of(Pipeline.pathOf(f)), compression)
                .parseExamples(expectedFeatures(), List.of(FEATURES), List.of(LABEL)), readers);
    }

    /**
     * The course's {@code tfrecords_reader_dataset}: {@link #rows}, shuffled, batched, repeated forever.
     *
     * @param files the shards
     * @param compression how they are compressed
     * @param batchSize rows per batch
     * @param seed the seed of the files' order and the shuffle
     * @return the batches
     */
    public static Pipeline readerDataset(List<Path> files, TFRecordCompression compression, int batchSize, long seed) {
        return rows(files, compression, HousingCsv.READERS, seed).shuffle(HousingCsv.SHUFFLE_BUFFER, seed).batch(batchSize).repeat();
    }
}
