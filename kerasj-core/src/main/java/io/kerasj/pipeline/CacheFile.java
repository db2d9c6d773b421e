package io.kerasj.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file format of {@link Pipeline#cache(Path)}: a magic line, the pipeline's description, the elements one after
 * another, and a trailer (an end mark, the element count, a closing magic) written last, so a file cut short has no
 * trailer and is refused before any element is read. Every length read from the file is checked against what is
 * left of the file and against the largest Java array before anything is allocated.
 */
final class CacheFile {
    static final byte[] MAGIC = "KERASJ-PIPELINE-CACHE-1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "KJ-CACHE-END".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER = 1 + 8 + 12;
    private static final int MAX_DESCRIPTION = 1 << 16;
    private static final int MAX_NAME = 1 << 12;
    private static final int MAX_RANK = 32;
    private static final int MAX_ARRAYS = 1 << 12;
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final int ELEMENT = 1;
    private static final int END = 0;

    private CacheFile() {
    }

    /** What an existing cache file holds before its elements. */
    record Header(String description, long count, long headerBytes) {
    }

    /**
     * Reads and checks the start and the trailer of an existing cache file.
     *
     * @throws PipelineException in one line: not a KerasJ cache, or truncated, or unreadable
     */
    static Header readHeader(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            byte[] magic = new byte[MAGIC.length];
            int got = size >= MAGIC.length ? MAGIC.length : (int) size;
            raf.readFully(magic, 0, got);
            if (got < MAGIC.length || !Arrays.equals(magic, MAGIC)) {
                if (got > 0 && Arrays.equals(Arrays.copyOf(magic, got), Arrays.copyOf(MAGIC, got))) {
                    throw new PipelineException(file + ": truncated KerasJ pipeline cache: expected its header, found the end after " + size + " bytes");
                }
                throw new PipelineException(file + ": expected a KerasJ pipeline cache file, found other content; left untouched"
                        + " (choose another cache file)");
            }
            if (size < MAGIC.length + 4) {
                throw truncated(file, size);
            }
            int length = raf.readInt();
            if (length < 0 || length > MAX_DESCRIPTION) {
                throw new PipelineException(file + ": bad KerasJ pipeline cache: expected a description of at most "
                        + MAX_DESCRIPTION + " bytes, found a length of " + length);
            }
            long headerBytes = MAGIC.length + 4L + length;
            if (headerBytes + TRAILER > size) {
                throw truncated(file, size);
            }
            byte[] text = new byte[length];
            raf.readFully(text);
            raf.seek(size - TRAILER);
            int end = raf.readUnsignedByte();
            long count = raf.readLong();
            byte[] endMagic = new byte[END_MAGIC.length];
            raf.readFully(endMagic);
            if (end != END || count < 0 || !Arrays.equals(endMagic, END_MAGIC)) {
                throw truncated(file, size);
            }
            return new Header(new String(text, StandardCharsets.UTF_8), count, headerBytes);
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot read the pipeline cache: " + e.getMessage(), e);
        }
    }

    private static PipelineException truncated(Path file, long size) {
        return new PipelineException(file + ": truncated KerasJ pipeline cache (" + size
                + " bytes, no complete trailer): expected a file written whole; left untouched (delete it to rebuild the cache)");
    }

    /** Writes a cache file's parts in order. */
    static final class Writer implements AutoCloseable {
        private final DataOutputStream out;
        private long count;

        Writer(OutputStream stream, String description) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
            byte[] text = description.getBytes(StandardCharsets.UTF_8);
            if (text.length > MAX_DESCRIPTION) {
                text = Arrays.copyOf(text, MAX_DESCRIPTION);
            }
            out.write(MAGIC);
            out.writeInt(text.length);
            out.write(text);
        }

        void write(Element e) throws IOException {
            out.writeByte(ELEMENT);
            writeSide(e.x(), e.xNames());
            writeSide(e.y(), e.yNames());
            count++;
        }

        private void writeSide(List<HostArray> arrays, List<String> names) throws IOException {
            out.writeInt(arrays.size());
            out.writeBoolean(names != null);
            for (int i = 0; i < arrays.size(); i++) {
                if (names != null) {
                    byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
                    out.writeInt(name.length);
                    out.write(name);
                }
                writeArray(arrays.get(i));
            }
        }

        private void writeArray(HostArray a) throws IOException {
            out.writeByte(a.dtype().ordinal());
            out.writeByte(a.rank());
            for (long d : a.shape()) {
                out.writeLong(d);
            }
            switch (a.dtype()) {
                case UINT8 -> out.write(a.uint8());
                case FLOAT32 -> {
                    for (float v : a.floats()) {
                        out.writeFloat(v);
                    }
                }
                case INT32 -> {
                    for (int v : a.ints()) {
                        out.writeInt(v);
                    }
                }
                case INT64 -> {
                    for (long v : a.longs()) {
                        out.writeLong(v);
                    }
                }
                case STRING -> {
                    for (byte[] s : a.strings()) {
                        out.writeInt(s.length);
                        out.write(s);
                    }
                }
            }
        }

        /** Writes the trailer and closes; the file is complete. */
        void finish() throws IOException {
            out.writeByte(END);
            out.writeLong(count);
            out.write(END_MAGIC);
            out.close();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads a checked cache file's elements; every length is checked against the bytes left before allocating. */
    static final class Reader implements AutoCloseable {
        private final Path file;
        private final DataInputStream in;
        private long left;
        private long index;

        Reader(Path file, Header header) throws IOException {
            this.file = file;
            InputStream raw = Files.newInputStream(file);
            in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            in.skipNBytes(header.headerBytes());
            left = Files.size(file) - header.headerBytes() - TRAILER;
        }

        /** @return the next element, or null at the end mark */
        Element next() {
            try {
                if (left <= 0) {
                    return null;
                }
                need(1);
                int tag = in.readUnsignedByte();
                if (tag != ELEMENT) {
                    throw bad("expected an element mark, found " + tag);
                }
                List<String> xNames = new ArrayList<>();
                List<HostArray> x = readSide(xNames);
                List<String> yNames = new ArrayList<>();
                List<HostArray> y = readSide(yNames);
                index++;
                if (xNames.isEmpty() && yNames.isEmpty()) {
                    return Element.of(x, y);
                }
                return Element.named(map(xNames, x), map(yNames, y));
            } catch (EOFException e) {
                throw bad("truncated: found the end of the file");
            } catch (IOException e) {
                throw new PipelineException(file + ": cannot read the pipeline cache at element " + index + ": " + e.getMessage(), e);
            }
        }

        private static java.util.Map<String, HostArray> map(List<String> names, List<HostArray> arrays) {
            java.util.Map<String, HostArray> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < arrays.size(); i++) {
                m.put(names.get(i), arrays.get(i));
            }
            return m;
        }

        private List<HostArray> readSide(List<String> names) throws IOException {
            need(5);
            int n = in.readInt();
            boolean named = in.readBoolean();
            if (n < 0 || n > MAX_ARRAYS) {
                throw bad("expected at most " + MAX_ARRAYS + " arrays, found " + n);
            }
            List<HostArray> arrays = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (named) {
                    need(4);
                    int length = in.readInt();
                    if (length < 0 || length > MAX_NAME) {
                        throw bad("expected a name of at most " + MAX_NAME + " bytes, found a length of " + length);
                    }
                    need(length);
                    names.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                }
                arrays.add(readArray());
            }
            return arrays;
        }

        private HostArray readArray() throws IOException {
            need(2);
            int type = in.readUnsignedByte();
            int rank = in.readUnsignedByte();
            if (type >= HostArray.DType.values().length || rank > MAX_RANK) {
                throw bad("expected a dtype and a rank of at most " + MAX_RANK + ", found " + type + " and " + rank);
            }
            HostArray.DType dtype = HostArray.DType.values()[type];
            need(8L * rank);
            long[] shape = new long[rank];
            boolean empty = false;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readLong();
                if (shape[i] < 0 || shape[i] > MAX_VALUES) {
                    throw bad("expected dimensions in [0, " + MAX_VALUES + "], found " + shape[i]);
                }
                empty |= shape[i] == 0;
            }
            long size = 1;
            for (int i = 0; i < rank && !empty; i++) {
                size *= shape[i]; // both factors at most MAX_VALUES: no overflow before the check
                if (size > MAX_VALUES) {
                    throw bad("array " + Arrays.toString(shape) + " holds more than the largest Java array");
                }
            }
            size = empty ? 0 : size;
            int n = (int) size;
            if (dtype != HostArray.DType.STRING) {
                need(size * dtype.byteSize());
            } else {
                need(4L * size);
            }
            switch (dtype) {
                case UINT8:
                    return HostArray.ofUint8(in.readNBytes(n), shape);
                case FLOAT32: {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readFloat();
                    }
                    return HostArray.ofFloats(v, shape);
                }
                case INT32: {
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readInt();
                    }
                    return HostArray.ofInts(v, shape);
                }
                case INT64: {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readLong();
                    }
                    return HostArray.ofLongs(v, shape);
                }
                default: {
                    byte[][] v = new byte[n][];
                    for (int i = 0; i < n; i++) {
                        int length = in.readInt();
                        left += 4; // counted by the need(4 * size) above
                        need(4);
                        if (length < 0) {
                            throw bad("expected a string length, found " + length);
                        }
                        need(length);
                        v[i] = in.readNBytes(length);
                    }
                    return HostArray.ofStrings(v, shape);
                }
            }
        }

        private void need(long bytes) {
            if (bytes > left) {
                throw bad("truncated: expected " + bytes + " more bytes, found " + left + " before the trailer");
            }
            left -= bytes;
        }

        private PipelineException bad(String what) {
            return new PipelineException(file + ": bad KerasJ pipeline cache at element " + index + ": " + what);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // a read-only file: nothing to lose
            }
        }
    }
}
