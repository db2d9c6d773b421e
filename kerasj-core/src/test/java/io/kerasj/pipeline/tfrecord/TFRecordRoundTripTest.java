package io.kerasj.pipeline.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.io.OutputRefusedException;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.HostArray.DType;
import io.kerasj.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Records and Examples written by {@link TFRecordWriter} come back from {@link TFRecordReader} and the dataset. */
class TFRecordRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TFRecordCompression.class)
    void recordsComeBackByteForByte(TFRecordCompression compression) throws Exception {
        Path file = tmp.resolve("r.tfrecord");
        List<byte[]> written = new ArrayList<>();
        try (TFRecordWriter writer = TFRecordWriter.create(file, compression)) {
            for (int i = 0; i < 50; i++) {
                byte[] data = new byte[i * 37];
                for (int j = 0; j < data.length; j++) {
                    data[j] = (byte) (i * 31 + j);
                }
                written.add(data);
                writer.write(data);
            }
            assertThat(Files.exists(file)).as("published only at commit").isFalse();
            writer.commit();
        }
        assertThat(file).exists();
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings).containsExactly(file); // no staging left
        }
        List<byte[]> read = new ArrayList<>();
        try (TFRecordReader reader = TFRecordReader.open(file, compression)) {
            for (byte[] r = reader.read(); r != null; r = reader.read()) {
                read.add(r);
            }
        }
        assertThat(read).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(read.get(i)).isEqualTo(written.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TFRecordCompression.class, names = {"NONE", "GZIP"})
    void examplesParseBackToTheirArrays(TFRecordCompression compression) {
        Path file = tmp.resolve("e.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(file, compression)) {
            for (int i = 0; i < 7; i++) {
                Map<String, HostArray> features = new LinkedHashMap<>();
                features.put("x", HostArray.ofFloats(new float[] {i, i + 0.5f, -i, 1e-7f * i, Float.MAX_VALUE, i * 3}, 2, 3));
                features.put("label", HostArray.ofLongs(new long[] {i - 3L, Long.MIN_VALUE + i}, 2));
                features.put("name", HostArray.ofStrings(new byte[][] {("s" + i).getBytes(StandardCharsets.UTF_8)}));
                features.put("pixels", HostArray.ofUint8(new byte[] {(byte) 255, (byte) i}, 2));
                writer.writeExample(features);
            }
            writer.commit();
        }
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        spec.put("x", FeatureSpec.fixedLen(new long[] {2, 3}, DType.FLOAT32));
        spec.put("label", FeatureSpec.fixedLen(new long[] {2}, DType.INT64));
        spec.put("name", FeatureSpec.fixedLen(new long[] {}, DType.STRING));
        spec.put("pixels", FeatureSpec.varLen(DType.INT64));
        Pipeline parsed = TFRecordDataset.of(List.of(file), compression.tensorFlowName())
                .parseExamples(spec, List.of("x", "name"), List.of("label", "pixels"));
        List<Element> elements = new ArrayList<>();
        try (ElementIterator it = parsed.iterator(0)) {
            it.forEachRemaining(elements::add);
        }
        assertThat(elements).hasSize(7);
        Element e = elements.get(4);
        assertThat(e.x().get(0).shape()).containsExactly(2, 3);
        assertThat(e.x().get(0).floats()).containsExactly(4, 4.5f, -4, 4e-7f, Float.MAX_VALUE, 12);
        assertThat(e.x().get(1).shape()).isEmpty();
        assertThat(new String(e.x().get(1).strings()[0], StandardCharsets.UTF_8)).isEqualTo("s4");
        assertThat(e.y().get(0).longs()).containsExactly(1, Long.MIN_VALUE + 4);
        assertThat(e.y().get(1).longs()).containsExactly(255, 4);

        Element batch = parsed.batch(3).first();
        assertThat(batch.x().get(0).describe()).isEqualTo("float32[3, 2, 3]");
        assertThat(batch.y().get(0).describe()).isEqualTo("int64[3, 2]");
    }

    @Test
    void knownRecordsAreFramedWithTensorFlowsMaskedCrc() throws Exception {
        // tf.io.TFRecordWriter's bytes for the records b"KerasJ" and b"" (TensorFlow 2.21; TFRecordInteropPythonTest
        // compares against a file Python writes at test time)
        Path file = tmp.resolve("known.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
            writer.write("KerasJ".getBytes(StandardCharsets.US_ASCII));
            writer.write(new byte[0]);
            writer.commit();
        }
        assertThat(java.util.HexFormat.of().formatHex(Files.readAllBytes(file)))
                .isEqualTo("0600000000000000" + "7369d537" + "4b657261734a" + "d5cef4a9"
                        + "0000000000000000" + "29039807" + "d8ea82a2");
    }

    @Test
    void theRawDatasetGivesOneStringScalarPerRecordAndEveryPassReadsAgain() {
        Path file = tmp.resolve("raw.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
            writer.write("a".getBytes(StandardCharsets.UTF_8));
            writer.write(new byte[0]);
            writer.commit();
        }
        TFRecordDataset records = TFRecordDataset.of(List.of(file), "");
        assertThat(records.count()).isEqualTo(2);
        assertThat(records.count()).isEqualTo(2);
        HostArray first = records.first().singleX();
        assertThat(first.describe()).isEqualTo("string[]");
        assertThat(first.strings()[0]).containsExactly('a');
        assertThat(records.repeat(3).count()).isEqualTo(6);
    }

    @Test
    void anExistingFileIsNeverReplacedAndAnUncommittedWriterLeavesNothing() throws Exception {
        Path existing = tmp.resolve("data.tfrecord");
        Files.writeString(existing, "someone else's");
        assertThatThrownBy(() -> TFRecordWriter.create(existing, TFRecordCompression.NONE))
                .isInstanceOf(OutputRefusedException.class)
                .hasMessageContaining(existing.toString()).hasMessageContaining("already exists");
        assertThat(Files.readString(existing)).isEqualTo("someone else's");

        Path abandoned = tmp.resolve("abandoned.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(abandoned, TFRecordCompression.GZIP)) {
            writer.write(new byte[] {1, 2, 3});
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings).containsExactly(existing);
        }
    }

    @Test
    void emptyFilesAndNoFilesGiveNoElements() throws Exception {
        Path empty = tmp.resolve("empty.tfrecord");
        Files.createFile(empty);
        Path emptyGzip = tmp.resolve("empty.tfrecord.gz");
        try (TFRecordWriter writer = TFRecordWriter.create(emptyGzip, TFRecordCompression.GZIP)) {
            writer.commit();
        }
        assertThat(TFRecordDataset.of(List.of(empty, empty), "").count()).isZero();
        assertThat(TFRecordDataset.of(List.of(emptyGzip), "GZIP").count()).isZero();
        assertThat(TFRecordDataset.of(List.of(), "").count()).isZero();
        assertThat(TFRecordDataset.of(List.of(empty), "").parseExamples(
                Map.of("x", FeatureSpec.fixedLen(new long[] {1}, DType.FLOAT32)), List.of("x"), List.of()).count()).isZero();
    }

    @Test
    void parallelReadsInterleaveInTensorFlowsDeterministicOrder() {
        // tf.data.TFRecordDataset(files, num_parallel_reads=n) on files of 1, 3, 2, 4 and 1 records (TensorFlow 2.21)
        int[] sizes = {1, 3, 2, 4, 1};
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < sizes.length; f++) {
            Path file = tmp.resolve("f" + f + ".tfrecord");
            files.add(file);
            try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
                for (int r = 0; r < sizes[f]; r++) {
                    writer.write((f + "." + r).getBytes(StandardCharsets.UTF_8));
                }
                writer.commit();
            }
        }
        assertThat(order(TFRecordDataset.of(files, "").withNumParallelReads(2)))
                .containsExactly("0.0", "1.0", "1.1", "2.0", "1.2", "2.1", "3.0", "4.0", "3.1", "3.2", "3.3");
        assertThat(order(TFRecordDataset.of(files, "").withNumParallelReads(3)))
                .containsExactly("0.0", "1.0", "2.0", "1.1", "2.1", "3.0", "1.2", "3.1", "4.0", "3.2", "3.3");
        assertThat(order(TFRecordDataset.of(files, "")))
                .containsExactly("0.0", "1.0", "1.1", "1.2", "2.0", "2.1", "3.0", "3.1", "3.2", "3.3", "4.0");
    }

    private static List<String> order(Pipeline records) {
        List<String> out = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            List<String> one = new ArrayList<>();
            try (ElementIterator it = records.iterator(pass)) {
                it.forEachRemaining(e -> one.add(new String(e.singleX().strings()[0], StandardCharsets.UTF_8)));
            }
            if (pass == 1) {
                assertThat(one).isEqualTo(out);
            }
            out = one;
        }
        return out;
    }
}
