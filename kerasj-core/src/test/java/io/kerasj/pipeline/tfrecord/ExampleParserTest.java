package io.kerasj.pipeline.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.HostArray.DType;
import io.kerasj.pipeline.PipelineException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/** {@link ExampleParser} reads what protobuf's own parser reads, and refuses broken bytes in one line. */
class ExampleParserTest {
    private static Map<String, FeatureSpec> varLenSpec() {
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        spec.put("f", FeatureSpec.varLen(DType.FLOAT32));
        spec.put("i", FeatureSpec.varLen(DType.INT64));
        spec.put("b", FeatureSpec.varLen(DType.STRING));
        return spec;
    }

    private static byte[] sample() {
        Map<String, HostArray> features = new LinkedHashMap<>();
        features.put("f", HostArray.ofFloats(new float[] {1.5f, -2f, 3e9f}, 3));
        features.put("i", HostArray.ofLongs(new long[] {0, -1, 300, Long.MAX_VALUE}, 4));
        features.put("b", HostArray.ofStrings(new byte[][] {{1, 2}, {}, "xyz".getBytes()}, 3));
        features.put("other", HostArray.ofFloats(new float[] {9}, 1));
        return ExampleEncoder.encode(features).toByteArray();
    }

    @Test
    void mutatedRecordsEitherParseAsProtobufDoesOrAreRefusedInOneLine() {
        ExampleParser parser = ExampleParser.of(varLenSpec());
        byte[] valid = sample();
        Random random = new Random(42);
        int agreed = 0;
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] record = valid.clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits && record.length > 0; k++) {
                switch (random.nextInt(3)) {
                    case 0 -> record[random.nextInt(record.length)] = (byte) random.nextInt(256);
                    case 1 -> record[random.nextInt(record.length)] ^= (byte) (1 << random.nextInt(8));
                    default -> record = Arrays.copyOf(record, random.nextInt(record.length + 1));
                }
            }
            Map<String, HostArray> ours;
            try {
                ours = parser.parse(record, () -> "record " + 0);
            } catch (PipelineException e) {
                assertThat(e.getMessage()).startsWith("record 0: ").doesNotContain("\n");
                refused++;
                continue;
            }
            Example theirs;
            try {
                theirs = Example.parseFrom(record);
            } catch (InvalidProtocolBufferException e) {
                continue; // broken only in a part this parser skips (a feature outside the spec)
            }
            for (Map.Entry<String, HostArray> entry : ours.entrySet()) {
                Feature feature = theirs.getFeatures().getFeatureOrDefault(entry.getKey(), Feature.getDefaultInstance());
                HostArray got = entry.getValue();
                switch (got.dtype()) {
                    case FLOAT32 -> assertThat(got.floats()).containsExactly(toArray(feature.getFloatList().getValueList()));
                    case INT64 -> assertThat(got.longs()).containsExactly(
                            feature.getInt64List().getValueList().stream().mapToLong(Long::longValue).toArray());
                    default -> assertThat(got.strings()).isDeepEqualTo(
                            feature.getBytesList().getValueList().stream().map(ByteString::toByteArray).toArray(byte[][]::new));
                }
            }
            agreed++;
        }
        assertThat(agreed).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void protobufsMergeRulesHoldForRepeatedKeysAndUnpackedLists() throws Exception {
        // features { feature { key "f" value { float_list { value 1 } } } } twice with another value, then unpacked floats
        ByteArrayOutputStream features = new ByteArrayOutputStream();
        features.write(entry("f", new byte[] {0x12, 0x06, 0x0a, 0x04, 0, 0, (byte) 0x80, 0x3f})); // [1.0] packed
        features.write(entry("f", new byte[] {0x12, 0x0a, 0x0d, 0, 0, 0, 0x40, 0x0d, 0, 0, 0x40, 0x40})); // [2, 3] unpacked
        features.write(entry("i", new byte[] {0x1a, 0x02, 0x08, 0x05, 0x1a, 0x03, 0x0a, 0x01, 0x07})); // [5] + packed [7]
        byte[] f = features.toByteArray();
        byte[] example = concat(new byte[] {0x0a, (byte) f.length}, f);
        Map<String, HostArray> parsed = ExampleParser.of(varLenSpec()).parse(example, () -> "r");
        Example reference = Example.parseFrom(example);
        assertThat(parsed.get("f").floats()).containsExactly(2, 3)
                .containsExactly(toArray(reference.getFeatures().getFeatureOrThrow("f").getFloatList().getValueList()));
        assertThat(parsed.get("i").longs()).containsExactly(5, 7);
        assertThat(parsed.get("b").describe()).isEqualTo("string[0]");
    }

    private static byte[] entry(String key, byte[] feature) {
        byte[] k = key.getBytes();
        byte[] body = concat(concat(new byte[] {0x0a, (byte) k.length}, k), concat(new byte[] {0x12, (byte) feature.length}, feature));
        return concat(new byte[] {0x0a, (byte) body.length}, body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aFeatureWithoutAListIsMissingAsInTensorFlow() {
        // tf.io.parse_single_example of features { feature { key "x" value {} } }: the default, else "required" (TF 2.21)
        byte[] example = concat(new byte[] {0x0a, 0x07}, entry("x", new byte[0]));
        assertThat(ExampleParser.of(Map.of("x", FeatureSpec.fixedLen(new long[] {2}, DType.FLOAT32,
                HostArray.ofFloats(new float[] {7, 8}, 2)))).parse(example, () -> "r").get("x").floats()).containsExactly(7, 8);
        assertThatThrownBy(() -> ExampleParser.of(Map.of("x", FeatureSpec.fixedLen(new long[] {2}, DType.FLOAT32)))
                .parse(example, () -> "f: record 0 at byte 0"))
                .isInstanceOf(PipelineException.class)
                .hasMessage("f: record 0 at byte 0: feature 'x' is missing (FixedLenFeature([2], float32) without a default)");
        assertThat(ExampleParser.of(Map.of("x", FeatureSpec.varLen(DType.INT64))).parse(example, () -> "r").get("x").describe())
                .isEqualTo("int64[0]");
    }

    @Test
    void aSpecRefusesWhatAnExampleCannotHold() {
        assertThatThrownBy(() -> FeatureSpec.fixedLen(new long[] {2}, DType.INT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected float32, int64 or string");
        assertThatThrownBy(() -> FeatureSpec.fixedLen(new long[] {2}, DType.FLOAT32, HostArray.ofFloats(new float[3], 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 float32 values");
        assertThatThrownBy(() -> TFRecordDataset.of(List.of(), "").parseExamples(varLenSpec(), List.of("nope"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope' is not in the feature spec");
        assertThatThrownBy(() -> TFRecordDataset.of(List.of(), "BZIP2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected \"\", \"GZIP\" or \"ZLIB\"");
    }
}
