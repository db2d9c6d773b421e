package io.kerasj.examples.chapter4;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.Split;
import io.kerasj.layers.Naming;
import io.kerasj.pipeline.tfrecord.TFRecordCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainFromTfRecords}: the CSV shards as TFRecord files, plain and GZIP, read back exactly and trained on. */
@Tag("slow")
class TrainFromTfRecordsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    private static long bytes(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    @Test
    void plainAndGzipShardsHoldTheCsvRowsInTheirOrderAndTrainTheCoursesModel() {
        Split data = CourseSplit.get();
        HousingCsv.Shards csv = HousingCsv.write(data, dir.resolve("generate_csv"), false);
        TrainFromTfRecords.Shards plain = TrainFromTfRecords.write(csv, dir.resolve("generate_tfrecords"), TFRecordCompression.NONE);
        TrainFromTfRecords.Shards zipped = TrainFromTfRecords.write(csv, dir.resolve("generate_tfrecords_zip"), TFRecordCompression.GZIP);
        assertThat(plain.train()).hasSize(20);
        assertThat(zipped.test()).hasSize(10);
        assertThat(plain.train().get(3).getFileName()).hasToString("train_00003-of-00020");
        assertThat(bytes(zipped.train())).isLessThan(bytes(plain.train()));

        // the TFRecord files hold the rows of one pass of the interleaved CSV reader, in that order
        float[][] fromCsv = TrainFromCsvTest.read(HousingCsv.rows(csv.train(), HousingCsv.READERS, TrainFromCsv.SEED));
        float[][] fromPlain = TrainFromCsvTest.read(HousingTfRecords.rows(plain.train(), TFRecordCompression.NONE, 1, null));
        float[][] fromGzip = TrainFromCsvTest.read(HousingTfRecords.rows(zipped.train(), TFRecordCompression.GZIP, 1, null));
        assertThat(fromPlain[0]).isEqualTo(fromCsv[0]);
        assertThat(fromPlain[1]).isEqualTo(fromCsv[1]);
        assertThat(fromGzip[0]).isEqualTo(fromCsv[0]);
        assertThat(fromGzip[1]).hasSize(data.train().count()).isEqualTo(fromCsv[1]);

        TrainFromCsv.Result result = TrainFromTfRecords.train(zipped, TFRecordCompression.GZIP, data, 6, TrainFromCsv.SEED, 0);
        List<Double> loss = result.history().history().get("loss");
        List<Double> valLoss = result.history().history().get("val_loss");
        System.out.println("chapter 4 TFRecord (GZIP): loss " + loss + ", val_loss " + valLoss + ", test " + result.test());
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(valLoss.get(valLoss.size() - 1)).isBetween(0.2, 0.9);
        assertThat(result.test().get("loss")).isBetween(0.2, 0.9);
    }
}
