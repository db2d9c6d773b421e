package io.kerasj.pipeline.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.HostArray.DType;
import io.kerasj.testing.PythonKeras;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TFRecord files both ways with Python TensorFlow (python-reference/tfrecord_interop.py): Java reads what
 * {@code tf.io.TFRecordWriter} wrote (plain, GZIP and ZLIB; float, int64 and bytes lists), writes the same bytes for the
 * same records (so its CRCs are TensorFlow's), and {@code tf.data.TFRecordDataset} with
 * {@code tf.io.parse_single_example} reads what Java wrote, value for value, in TensorFlow's interleave order.
 */
@Tag("python")
@Tag("slow")
class TFRecordInteropPythonTest {
    private static final int N_RECORDS = 6;

    @TempDir
    Path tmp;

    /** The script's {@code expected(i)}. */
    private static Map<String, HostArray> example(int i) {
        Map<String, HostArray> features = new LinkedHashMap<>();
        features.put("floats", HostArray.ofFloats(new float[] {i * 0.25f, -(float) i, i / 1024f}, 3));
        features.put("ints", HostArray.ofLongs(new long[] {i, -(1L << 40) * i - 7}, 2));
        features.put("names", HostArray.ofStrings(new byte[][] {("record-" + i).getBytes(StandardCharsets.US_ASCII),
                {0, (byte) 255, (byte) i}}, 2));
        float[] ragged = new float[i];
        for (int k = 0; k < i; k++) {
            ragged[k] = 0.5f * k;
        }
        features.put("ragged", HostArray.ofFloats(ragged, i));
        return features;
    }

    private static Map<String, FeatureSpec> spec() {
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        spec.put("floats", FeatureSpec.fixedLen(new long[] {3}, DType.FLOAT32));
        spec.put("ints", FeatureSpec.fixedLen(new long[] {2}, DType.INT64));
        spec.put("names", FeatureSpec.fixedLen(new long[] {2}, DType.STRING));
        spec.put("ragged", FeatureSpec.varLen(DType.FLOAT32));
        return spec;
    }

    @Test
    void javaReadsPythonWrittenFilesAndWritesTheirBytes() throws Exception {
        PythonKeras.require();
        assertThat(PythonKeras.run(300, Map.of(), "tfrecord_interop.py", "write", tmp.toString())).contains("OK wrote");
        for (String name : List.of("py_plain.tfrecord", "py_gzip.tfrecord", "py_zlib.tfrecord")) {
            String compression = name.contains("gzip") ? "GZIP" : name.contains("zlib") ? "ZLIB" : "";
            List<Element> elements = new ArrayList<>();
            try (ElementIterator it = TFRecordDataset.of(List.of(tmp.resolve(name)), compression).parseExamples(spec()).iterator(0)) {
                it.forEachRemaining(elements::add);
            }
            assertThat(elements).as(name).hasSize(N_RECORDS);
            for (int i = 0; i < N_RECORDS; i++) {
                Map<String, HostArray> got = elements.get(i).xByName();
                Map<String, HostArray> want = example(i);
                assertThat(got.get("floats").floats()).as(name + " record " + i).containsExactly(want.get("floats").floats());
                assertThat(got.get("ints").longs()).as(name + " record " + i).containsExactly(want.get("ints").longs());
                assertThat(got.get("names").strings()).as(name + " record " + i).isDeepEqualTo(want.get("names").strings());
                assertThat(got.get("ragged").floats()).as(name + " record " + i).containsExactly(want.get("ragged").floats());
            }
        }
        Path known = tmp.resolve("java_known.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(known, TFRecordCompression.NONE)) {
            writer.write("KerasJ".getBytes(StandardCharsets.US_ASCII));
            writer.write(new byte[0]);
            writer.commit();
        }
        assertThat(Files.readAllBytes(known)).as("framing and masked CRC-32C as TensorFlow's")
                .isEqualTo(Files.readAllBytes(tmp.resolve("known.tfrecord")));
    }

    @Test
    void tensorFlowReadsJavaWrittenFiles() {
        PythonKeras.require();
        for (String name : List.of("java_plain.tfrecord", "java_gzip.tfrecord", "java_zlib.tfrecord")) {
            try (TFRecordWriter writer = TFRecordWriter.create(tmp.resolve(name), name.contains("gzip") ? TFRecordCompression.GZIP
                    : name.contains("zlib") ? TFRecordCompression.ZLIB : TFRecordCompression.NONE)) {
                for (int i = 0; i < N_RECORDS; i++) {
                    writer.writeExample(example(i));
                }
                writer.commit();
            }
        }
        int[] sizes = {1, 3, 2, 4, 1};
        List<Path> orderFiles = new ArrayList<>();
        for (int f = 0; f < sizes.length; f++) {
            Path file = tmp.resolve("java_order_" + f + ".tfrecord");
            orderFiles.add(file);
            try (TFRecordWriter writer = TFRecordWriter.create(file, TFRecordCompression.NONE)) {
                for (int r = 0; r < sizes[f]; r++) {
                    writer.write((f + "." + r).getBytes(StandardCharsets.US_ASCII));
                }
                writer.commit();
            }
        }
        String out = PythonKeras.run(300, Map.of(), "tfrecord_interop.py", "read", tmp.toString());
        assertThat(out).doesNotContain("MISMATCH")
                .contains("OK read " + N_RECORDS + " java_plain.tfrecord", "OK read " + N_RECORDS + " java_gzip.tfrecord",
                        "OK read " + N_RECORDS + " java_zlib.tfrecord");
        List<String> javaOrder = new ArrayList<>();
        try (ElementIterator it = TFRecordDataset.of(orderFiles, "").withNumParallelReads(2).iterator(0)) {
            it.forEachRemaining(e -> javaOrder.add(new String(e.singleX().strings()[0], StandardCharsets.US_ASCII)));
        }
        assertThat(out).contains("ORDER " + String.join(" ", javaOrder));
    }
}
