package io.kerasj.pipeline.tfrecord;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.PipelineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code tf.io.parse_single_example}: a serialized {@code tf.train.Example} to one array per feature of a spec.
 * It reads the wire format directly with protobuf's {@link CodedInputStream} (bounded by the record, whose size the
 * framing already checked): features outside the spec are skipped without being decoded, and a feature's values are
 * counted, and checked against the spec, before its array is allocated. Protobuf's merge rules hold (the last entry of
 * a key wins; lists of one kind repeated within a feature join; another kind replaces them). A missing feature without
 * a default, a wrong type or a wrong number of values is a {@link PipelineException} in one line naming the record and
 * the feature.
 */
public final class ExampleParser {
    private static final int BYTES_KIND = 1;
    private static final int FLOAT_KIND = 2;
    private static final int INT64_KIND = 3;
    private static final int LIST_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int FLOAT_TAG = tag(1, WireFormat.WIRETYPE_FIXED32);
    private static final int INT64_TAG = tag(1, WireFormat.WIRETYPE_VARINT);
    private static final int KEY_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int VALUE_TAG = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int LINEAR_LOOKUP_MAX = 16;

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    private final String[] names;
    private final byte[][] nameBytes;
    private final FeatureSpec[] specs;
    private final Map<String, Integer> indexByName = new HashMap<>();

    private ExampleParser(Map<String, FeatureSpec> spec) {
        int n = spec.size();
        names = spec.keySet().toArray(new String[0]);
        specs = spec.values().toArray(new FeatureSpec[0]);
        nameBytes = new byte[n][];
        for (int i = 0; i < n; i++) {
            nameBytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
            indexByName.put(names[i], i);
        }
    }

    /**
     * @param spec each feature's name and how to parse it, as {@code parse_single_example}'s {@code features}
     * @return the parser
     */
    public static ExampleParser of(Map<String, FeatureSpec> spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("feature spec: expected at least one feature");
        }
        spec.forEach((name, s) -> {
            if (name == null || s == null) {
                throw new IllegalArgumentException("feature spec: expected a name and a spec for each feature");
            }
        });
        return new ExampleParser(new LinkedHashMap<>(spec));
    }

    /** @return the features' names, in the spec's order */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * @param record a serialized {@code tf.train.Example}
     * @param where where it comes from, for messages ("FILE: record I at byte B"); computed only on an error
     * @return each feature's array by name, in the spec's order
     * @throws PipelineException when the record is not an Example or does not match the spec
     */
    public Map<String, HostArray> parse(byte[] record, Supplier<String> where) {
        HostArray[] arrays = parseArrays(record, where);
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], arrays[i]);
        }
        return out;
    }

    /** @return the spec's position of {@code name}, or -1 */
    int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /** As {@link #parse}, the arrays in the spec's order. */
    HostArray[] parseArrays(byte[] record, Supplier<String> where) {
        int n = names.length;
        int[] start = new int[n];
        int[] length = new int[n];
        Arrays.fill(start, -1);
        try {
            CodedInputStream example = CodedInputStream.newInstance(record);
            for (int tag = example.readTag(); tag != 0; tag = example.readTag()) {
                if (tag == LIST_TAG) { // Example.features, merged when repeated
                    int len = example.readRawVarint32();
                    int at = example.getTotalBytesRead();
                    checkLength(len, record.length - at);
                    readFeatures(record, at, len, start, length);
                    example.skipRawBytes(len);
                } else if (!example.skipField(tag)) {
                    break;
                }
            }
            HostArray[] out = new HostArray[n];
            for (int i = 0; i < n; i++) {
                out[i] = start[i] < 0 ? missing(i, where) : decode(i, record, start[i], length[i], where);
            }
            return out;
        } catch (IOException e) { // on a byte array, only InvalidProtocolBufferException
            throw new PipelineException(where.get() + ": not a tf.train.Example (" + e.getMessage() + ")", e);
        }
    }

    private static void checkLength(int len, int left) throws InvalidProtocolBufferException {
        if (len < 0 || len > left) {
            throw new InvalidProtocolBufferException("a field claims " + len + " bytes, " + left + " left");
        }
    }

    /** Records where each wanted feature's {@code Feature} message lies; the last entry of a key wins. */
    private void readFeatures(byte[] record, int offset, int size, int[] start, int[] length) throws IOException {
        CodedInputStream features = CodedInputStream.newInstance(record, offset, size);
        for (int tag = features.readTag(); tag != 0; tag = features.readTag()) {
            if (tag != LIST_TAG) { // Features.feature: map entries
                if (!features.skipField(tag)) {
                    break;
                }
                continue;
            }
            int len = features.readRawVarint32();
            int at = offset + features.getTotalBytesRead();
            checkLength(len, offset + size - at);
            CodedInputStream entry = CodedInputStream.newInstance(record, at, len);
            int keyAt = at;
            int keyLen = 0;
            int valueAt = at;
            int valueLen = 0;
            for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
                if (t == KEY_TAG || t == VALUE_TAG) {
                    int l = entry.readRawVarint32();
                    int p = at + entry.getTotalBytesRead();
                    checkLength(l, at + len - p);
                    if (t == KEY_TAG) {
                        keyAt = p;
                        keyLen = l;
                    } else {
                        valueAt = p;
                        valueLen = l;
                    }
                    entry.skipRawBytes(l);
                } else if (!entry.skipField(t)) {
                    break;
                }
            }
            int i = lookup(record, keyAt, keyLen);
            if (i >= 0) {
                start[i] = valueAt;
                length[i] = valueLen;
            }
            features.skipRawBytes(len);
        }
    }

    private int lookup(byte[] record, int at, int len) {
        if (names.length <= LINEAR_LOOKUP_MAX) {
            for (int i = 0; i < nameBytes.length; i++) {
                byte[] name = nameBytes[i];
                if (name.length == len && Arrays.equals(record, at, at + len, name, 0, len)) {
                    return i;
                }
            }
            return -1;
        }
        return indexOf(new String(record, at, len, StandardCharsets.UTF_8));
    }

    private HostArray missing(int i, Supplier<String> where) {
        if (specs[i] instanceof FixedLenFeature fixed) {
            if (fixed.defaultValue() == null) {
                throw new PipelineException(where.get() + ": feature '" + names[i] + "' is missing (" + fixed
                        + " without a default)");
            }
            return fixed.defaultValue();
        }
        return empty(specs[i].dtype());
    }

    private static HostArray empty(HostArray.DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> HostArray.ofFloats(new float[0], 0);
            case INT64 -> HostArray.ofLongs(new long[0], 0);
            default -> HostArray.ofStrings(new byte[0][], 0);
        };
    }

    private HostArray decode(int i, byte[] record, int offset, int size, Supplier<String> where)
            throws IOException {
        // The kind of the last list in the Feature, and where its run of lists of that kind starts (oneof's rule)
        int kind = 0;
        int run = offset;
        CodedInputStream feature = CodedInputStream.newInstance(record, offset, size);
        while (true) {
            int at = offset + feature.getTotalBytesRead();
            int tag = feature.readTag();
            if (tag == 0) {
                break;
            }
            int field = WireFormat.getTagFieldNumber(tag);
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED && field >= BYTES_KIND && field <= INT64_KIND
                    && field != kind) {
                kind = field;
                run = at;
            }
            if (!feature.skipField(tag)) {
                break;
            }
        }
        if (kind == 0) {
            return missing(i, where); // a Feature without a list is missing to TensorFlow (its default is used)
        }
        HostArray.DType found = switch (kind) {
            case BYTES_KIND -> HostArray.DType.STRING;
            case FLOAT_KIND -> HostArray.DType.FLOAT32;
            default -> HostArray.DType.INT64;
        };
        FeatureSpec spec = specs[i];
        if (found != spec.dtype()) {
            throw new PipelineException(where.get() + ": feature '" + names[i] + "' holds " + typeName(found)
                    + " values, expected " + typeName(spec.dtype()) + " (" + spec + ")");
        }
        int count = lists(record, run, offset + size - run, kind, null);
        long[] shape;
        if (spec instanceof FixedLenFeature fixed) {
            if (count != fixed.size()) {
                throw new PipelineException(where.get() + ": feature '" + names[i] + "' holds " + count + " "
                        + typeName(spec.dtype()) + " values, expected " + fixed.size() + " (" + spec + ")");
            }
            shape = fixed.shape();
        } else {
            shape = new long[] {count};
        }
        return switch (spec.dtype()) {
            case FLOAT32 -> {
                float[] values = new float[count];
                lists(record, run, offset + size - run, kind, values);
                yield HostArray.ofFloats(values, shape);
            }
            case INT64 -> {
                long[] values = new long[count];
                lists(record, run, offset + size - run, kind, values);
                yield HostArray.ofLongs(values, shape);
            }
            default -> {
                byte[][] values = new byte[count][];
                lists(record, run, offset + size - run, kind, values);
                yield HostArray.ofStrings(values, shape);
            }
        };
    }

    private static String typeName(HostArray.DType dtype) {
        return dtype.name().toLowerCase();
    }

    /**
     * Walks the lists of {@code kind} in {@code record[offset, offset + size)} (the tail of a Feature from the run of
     * that kind on): counts their values when {@code out} is null, else fills {@code out}.
     *
     * @return the number of values
     */
    private static int lists(byte[] record, int offset, int size, int kind, Object out) throws IOException {
        CodedInputStream feature = CodedInputStream.newInstance(record, offset, size);
        int count = 0;
        for (int tag = feature.readTag(); tag != 0; tag = feature.readTag()) {
            if (tag != tag(kind, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                if (!feature.skipField(tag)) {
                    break;
                }
                continue;
            }
            int len = feature.readRawVarint32();
            int at = offset + feature.getTotalBytesRead();
            checkLength(len, offset + size - at);
            count = values(record, at, len, kind, out, count);
            feature.skipRawBytes(len);
        }
        return count;
    }

    /** Counts or fills the values of one BytesList, FloatList or Int64List message (packed or not). */
    private static int values(byte[] record, int offset, int size, int kind, Object out, int count)
            throws IOException {
        CodedInputStream list = CodedInputStream.newInstance(record, offset, size);
        for (int tag = list.readTag(); tag != 0; tag = list.readTag()) {
            if (tag == LIST_TAG) {
                int len = list.readRawVarint32();
                int at = offset + list.getTotalBytesRead();
                checkLength(len, offset + size - at);
                switch (kind) {
                    case BYTES_KIND -> {
                        if (out != null) {
                            ((byte[][]) out)[count] = Arrays.copyOfRange(record, at, at + len);
                        }
                        count++;
                    }
                    case FLOAT_KIND -> {
                        if (len % 4 != 0) {
                            throw new InvalidProtocolBufferException("a packed float list of " + len + " bytes");
                        }
                        if (out != null) {
                            float[] floats = (float[]) out;
                            for (int p = at; p < at + len; p += 4) {
                                floats[count++] = Float.intBitsToFloat(littleEndianInt(record, p));
                            }
                        } else {
                            count += len / 4;
                        }
                    }
                    default -> count = varints(record, at, len, out, count);
                }
                list.skipRawBytes(len);
            } else if (tag == FLOAT_TAG && kind == FLOAT_KIND) {
                float v = list.readFloat();
                if (out != null) {
                    ((float[]) out)[count] = v;
                }
                count++;
            } else if (tag == INT64_TAG && kind == INT64_KIND) {
                long v = list.readInt64();
                if (out != null) {
                    ((long[]) out)[count] = v;
                }
                count++;
            } else if (!list.skipField(tag)) {
                break;
            }
        }
        return count;
    }

    private static int varints(byte[] record, int offset, int size, Object out, int count) throws IOException {
        if (size > 0 && record[offset + size - 1] < 0) {
            throw new InvalidProtocolBufferException("a packed int64 list ends inside a varint");
        }
        if (out == null) {
            for (int p = offset; p < offset + size; p++) {
                if (record[p] >= 0) {
                    count++;
                }
            }
            return count;
        }
        long[] longs = (long[]) out;
        CodedInputStream packed = CodedInputStream.newInstance(record, offset, size);
        while (!packed.isAtEnd()) {
            longs[count++] = packed.readInt64();
        }
        return count;
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
