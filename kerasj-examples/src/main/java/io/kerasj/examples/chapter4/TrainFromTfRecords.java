package io.kerasj.examples.chapter4;

import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.pipeline.tfrecord.TFRecordCompression;
import java.nio.file.Path;
import java.util.List;

/**
 * The course's {@code tf_data_tfrecord}: the CSV shards of {@link TrainFromCsv} written as TFRecord files (plain and
 * GZIP), and the regression network trained on the GZIP ones.
 */
public final class TrainFromTfRecords {
    private TrainFromTfRecords() {
    }

    /** The TFRecord shards of the three parts. */
    public record Shards(List<Path> train, List<Path> valid, List<Path> test) {
    }

    /**
     * @param csv the CSV shards
     * @param folder a folder for the files, each of which must be new
     * @param compression none or GZIP
     * @return the files: 20 training shards, 10 validation and 10 test ones
     */
    public static Shards write(HousingCsv.Shards csv, Path folder, TFRecordCompression compression) {
        return new Shards(
                HousingTfRecords.write(HousingCsv.rows(csv.train(), HousingCsv.READERS, TrainFromCsv.SEED), folder, "train", HousingCsv.TRAIN_PARTS, compression),
                HousingTfRecords.write(HousingCsv.rows(csv.valid(), HousingCsv.READERS, TrainFromCsv.SEED), folder, "valid", HousingCsv.OTHER_PARTS, compression),
                HousingTfRecords.write(HousingCsv.rows(csv.test(), HousingCsv.READERS, TrainFromCsv.SEED), folder, "test", HousingCsv.OTHER_PARTS, compression));
    }

    /**
     * Trains the course's model on TFRecord shards.
     *
     * @param shards the files
     * @param compression how they are compressed
     * @param counts the rows of the split's parts
     * @param epochs the most epochs
     * @param seed the seed of the weights, the files' order and the shuffle
     * @param verbose Keras's verbose for fit
     * @return the History and the test loss
     */
    public static TrainFromCsv.Result train(Shards shards, TFRecordCompression compression, Split counts, int epochs, long seed, int verbose) {
        int batch = HousingCsv.BATCH_SIZE;
        return TrainFromCsv.train(HousingTfRecords.readerDataset(shards.train(), compression, batch, seed),
                HousingTfRecords.readerDataset(shards.valid(), compression, batch, seed + 1),
                HousingTfRecords.readerDataset(shards.test(), compression, batch, seed + 2), counts, epochs, seed, verbose);
    }

    /**
     * Writes the CSV shards, then plain and GZIP TFRecord shards, and trains on the GZIP ones for up to 100 epochs.
     *
     * @param args a new folder for the output (it gets {@code generate_csv}, {@code generate_tfrecords} and
     *     {@code generate_tfrecords_zip}), then optionally the folder holding {@code cal_housing.data}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TrainFromTfRecords NEW_OUTPUT_FOLDER [CAL_HOUSING_FOLDER]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Split data = CaliforniaHousing.withDefaults(args.length > 1 ? Path.of(args[1]) : null).notebookSplit();
        HousingCsv.Shards csv = HousingCsv.write(data, out.resolve("generate_csv"), false);
        write(csv, out.resolve("generate_tfrecords"), TFRecordCompression.NONE);
        Shards zipped = write(csv, out.resolve("generate_tfrecords_zip"), TFRecordCompression.GZIP);
        TrainFromCsv.Result result = train(zipped, TFRecordCompression.GZIP, data, 100, TrainFromCsv.SEED, 2);
        System.out.println("epochs: " + result.history().history().get("loss").size() + ", test: " + result.test());
    }
}
