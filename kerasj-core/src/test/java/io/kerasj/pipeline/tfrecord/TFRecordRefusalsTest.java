package io.kerasj.pipeline.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.HostArray.DType;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken TFRecord files are refused in one line naming the file, the record and its byte offset, with
 * nothing allocated for a length claim above the limit.
 */
class TFRecordRefusalsTest {
    private static final int RECORD_DATA = 40;
    /** One record on disk: 12 header bytes, its data, 4 CRC bytes. */
    private static final int RECORD_BYTES = 12 + RECORD_DATA + 4;

    @TempDir
    Path tmp;

    private Path fourRecords(String name) {
        Path file = tmp.resolve(name);
        try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
            for (int i = 0; i < 4; i++) {
                byte[] data = new byte[RECORD_DATA];
                Arrays.fill(data, (byte) i);
                writer.write(data);
            }
            writer.commit();
        }
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertReadRefused(Path file, TFRecordCompression compression) {
        return assertThatThrownBy(() -> TFRecordDataset.of(List.of(file), compression).count())
                .isInstanceOf(PipelineException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString()));
    }

    @Test
    void aTruncatedFileIsRefusedAtItsLastRecord() throws Exception {
        Path file = fourRecords("truncated.tfrecord");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertReadRefused(file, TFRecordCompression.NONE)
                .hasMessageContaining(": record 3 at byte " + 3 * RECORD_BYTES + ": truncated");
        Files.write(file, Arrays.copyOf(bytes, 2 * RECORD_BYTES + 5));
        assertReadRefused(file, TFRecordCompression.NONE)
                .hasMessageContaining(": record 2 at byte " + 2 * RECORD_BYTES + ": truncated: 5 of the 12 bytes of a record header");
    }

    @Test
    void aTruncatedGzipFileIsRefused() throws Exception {
        Path file = tmp.resolve("t.tfrecord.gz");
        try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.GZIP)) {
            for (int i = 0; i < 200; i++) {
                byte[] data = new byte[1000];
                for (int j = 0; j < data.length; j++) {
                    data[j] = (byte) (j * i * 7919 >>> 3);
                }
                writer.write(data);
            }
            writer.commit();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertReadRefused(file, TFRecordCompression.GZIP).hasMessageMatching(".*: record \\d+ at uncompressed byte \\d+: .*");
    }

    @Test
    void aFlippedByteIsABadCrcNamingTheRecord() throws Exception {
        Path file = fourRecords("flipped.tfrecord");
        byte[] bytes = Files.readAllBytes(file);
        bytes[2 * RECORD_BYTES + 12 + 7] ^= 0x10;
        Files.write(file, bytes);
        assertReadRefused(file, TFRecordCompression.NONE)
                .hasMessageEndingWith(": record 2 at byte " + 2 * RECORD_BYTES + ": bad CRC of the data (corrupted)");
        bytes[2 * RECORD_BYTES + 12 + 7] ^= 0x10;
        bytes[RECORD_BYTES + 1] ^= 0x01; // the length of record 1
        Files.write(file, bytes);
        assertReadRefused(file, TFRecordCompression.NONE)
                .hasMessageEndingWith(": record 1 at byte " + RECORD_BYTES + ": bad CRC of the record length (corrupted)");
    }

    @Test
    void anOversizedLengthClaimIsRefusedBeforeAllocating() throws Exception {
        Path file = tmp.resolve("huge.tfrecord");
        byte[] header = new byte[12];
        RecordFraming.putLong(header, 0, 1L << 40); // a terabyte, with a valid CRC of the length
        RecordFraming.putInt(header, 8, RecordFraming.maskedCrc(new java.util.zip.CRC32C(), header, 0, 8));
        Files.write(file, header);
        assertReadRefused(file, TFRecordCompression.NONE)
                .hasMessageEndingWith(": record 0 at byte 0: claims 1099511627776 bytes, above the limit of 268435456 bytes per record");

        RecordFraming.putLong(header, 0, 200L << 20); // under the limit, but the file does not hold it
        RecordFraming.putInt(header, 8, RecordFraming.maskedCrc(new java.util.zip.CRC32C(), header, 0, 8));
        Files.write(file, header);
        assertReadRefused(file, TFRecordCompression.NONE)
                .hasMessageEndingWith(": record 0 at byte 0: truncated: claims 209715200 bytes of data, the file holds 0 more");

        Path records = fourRecords("limited.tfrecord");
        assertThatThrownBy(() -> TFRecordDataset.of(List.of(records), "").withMaxRecordBytes(RECORD_DATA - 1).count())
                .isInstanceOf(PipelineException.class)
                .hasMessage(records + ": record 0 at byte 0: claims 40 bytes, above the limit of 39 bytes per record");
    }

    @Test
    void notGzipIsRefusedAtOpening() {
        Path file = fourRecords("plain.tfrecord");
        assertReadRefused(file, TFRecordCompression.GZIP).hasMessageContaining("not a GZIP TFRecord file");
        assertThatThrownBy(() -> TFRecordDataset.of(List.of(tmp.resolve("absent.tfrecord")), "").count())
                .isInstanceOf(PipelineException.class).hasMessageContaining("absent.tfrecord: cannot read the TFRecord file");
    }

    private Path examples(String name, Map<String, HostArray> first, Map<String, HostArray> second) {
        Path file = tmp.resolve(name);
        try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
            writer.writeExample(first);
            writer.writeExample(second);
            writer.commit();
        }
        return file;
    }

    private static Pipeline parsed(Path file, Map<String, FeatureSpec> spec) {
        return TFRecordDataset.of(List.of(file), "").parseExamples(spec);
    }

    @Test
    void aMissingFeatureIsRefusedNamingFileRecordAndFeatureUnlessItHasADefault() {
        HostArray x = HostArray.ofFloats(new float[] {1, 2}, 2);
        Path file = examples("missing.tfrecord", Map.of("x", x, "y", HostArray.ofLongs(new long[] {1}, 1)), Map.of("x", x));
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        spec.put("x", FeatureSpec.fixedLen(new long[] {2}, DType.FLOAT32));
        spec.put("y", FeatureSpec.fixedLen(new long[] {1}, DType.INT64));
        long second = Files.exists(file) ? firstRecordBytes(file) : -1;
        assertThatThrownBy(() -> parsed(file, spec).count())
                .isInstanceOf(PipelineException.class)
                .hasMessage(file + ": record 1 at byte " + second
                        + ": feature 'y' is missing (FixedLenFeature([1], int64) without a default)");

        spec.put("y", FeatureSpec.fixedLen(new long[] {1}, DType.INT64, HostArray.ofLongs(new long[] {-1}, 1)));
        try (ElementIterator it = parsed(file, spec).iterator(0)) {
            assertThat(it.next().xByName().get("y").longs()).containsExactly(1);
            assertThat(it.next().xByName().get("y").longs()).containsExactly(-1);
        }
        spec.put("y", FeatureSpec.varLen(DType.INT64));
        try (ElementIterator it = parsed(file, spec).iterator(0)) {
            assertThat(it.next().xByName().get("y").describe()).isEqualTo("int64[1]");
            assertThat(it.next().xByName().get("y").describe()).isEqualTo("int64[0]");
        }
    }

    private static long firstRecordBytes(Path file) {
        try (TFRecordReader reader = TFRecordReader.open(file, TFRecordCompression.NONE)) {
            return 16L + reader.read().length;
        }
    }

    @Test
    void aWrongTypeOrLengthIsRefusedNamingFileRecordAndFeature() {
        Path file = examples("wrong.tfrecord", Map.of("x", HostArray.ofFloats(new float[] {1, 2, 3}, 3)),
                Map.of("x", HostArray.ofLongs(new long[] {1, 2, 3}, 3)));
        assertThatThrownBy(() -> parsed(file, Map.of("x", FeatureSpec.fixedLen(new long[] {2}, DType.FLOAT32))).count())
                .isInstanceOf(PipelineException.class)
                .hasMessage(file + ": record 0 at byte 0: feature 'x' holds 3 float32 values, expected 2 (FixedLenFeature([2], float32))");
        assertThatThrownBy(() -> parsed(file, Map.of("x", FeatureSpec.varLen(DType.FLOAT32))).count())
                .isInstanceOf(PipelineException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(file.toString())
                        + ": record 1 at byte \\d+: feature 'x' holds int64 values, expected float32 \\(VarLenFeature\\(float32\\)\\)");
    }

    @Test
    void aRecordThatIsNotAnExampleIsRefused() {
        Path file = tmp.resolve("junk.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
            writer.write(new byte[] {0x0a, 0x7f, 0x01}); // features: claims 127 bytes, 1 follows
            writer.commit();
        }
        assertThatThrownBy(() -> parsed(file, Map.of("x", FeatureSpec.varLen(DType.FLOAT32))).count())
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith(file + ": record 0 at byte 0: not a tf.train.Example (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anErrorInAParallelReadSurfacesInOrderNamingItsFile() throws Exception {
        Path good = fourRecords("good.tfrecord");
        Path bad = fourRecords("bad.tfrecord");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[3 * RECORD_BYTES + 20] ^= 0x01;
        Files.write(bad, bytes);
        TFRecordDataset records = TFRecordDataset.of(List.of(good, bad), "").withNumParallelReads(2);
        int read = 0;
        try (ElementIterator it = records.iterator(0)) {
            assertThatThrownBy(() -> {
                while (it.hasNext()) {
                    it.next();
                }
            }).isInstanceOf(PipelineException.class).hasMessage(bad + ": record 3 at byte " + 3 * RECORD_BYTES
                    + ": bad CRC of the data (corrupted)");
        }
        // the good file's four records and the bad file's first three came before
        try (ElementIterator it = records.iterator(1)) {
            while (read < 7) {
                it.next();
                read++;
            }
            assertThatThrownBy(it::hasNext).isInstanceOf(PipelineException.class);
        }
    }
}
