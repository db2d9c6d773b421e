package io.kerasj.pipeline;

import io.kerasj.data.DatasetException;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.NpyLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One {@code .npy} file read in slices of rows from a read-only memory map, never loaded whole. The header is
 * checked by {@link Npy#layout} (the data exactly as long as the shape needs); the map is made in windows of at most
 * 1 GiB, so files larger than 2 GiB are read too. Reads are absolute, so passes on several threads may share it.
 * uint8, int32, int64 and float32 keep their dtype; float64 is converted to float32, as Keras casts inputs.
 */
final class MappedNpy {
    static final long WINDOW = 1L << 30;
    /** The largest slice one read makes: a Java array's limit. */
    private static final long MAX_SLICE_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final NpyLayout layout;
    private final long rows;
    private final long[] rowShape;
    private final long rowBytes;
    private final long window;
    private final MappedByteBuffer[] windows;

    MappedNpy(Path file) {
        this(file, WINDOW);
    }

    /** @param window bytes per map (tests use small ones to cross windows) */
    MappedNpy(Path file, long window) {
        this.file = file;
        this.window = window;
        try {
            this.layout = Npy.layout(file);
        } catch (DatasetException e) {
            throw new PipelineException(e.getMessage(), e);
        }
        long[] shape = layout.shape();
        if (shape.length == 0) {
            throw new PipelineException(file + ": expected an array with a first axis of samples, found a scalar");
        }
        rows = shape[0];
        rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        long values = 1;
        for (long d : rowShape) {
            values = Math.multiplyExact(values, d);
        }
        rowBytes = values * layout.dtype().itemSize();
        if (rowBytes > MAX_SLICE_BYTES / 2) {
            throw new PipelineException(file + ": one sample of shape " + Arrays.toString(rowShape) + " needs " + rowBytes
                    + " bytes: expected at most " + MAX_SLICE_BYTES / 2);
        }
        windows = new MappedByteBuffer[(int) ((layout.dataBytes() + window - 1) / window)];
    }

    long rows() {
        return rows;
    }

    long[] rowShape() {
        return rowShape.clone();
    }

    Path file() {
        return file;
    }

    /** Refuses a file that changed size since it was opened (reading a shrunk map would crash the JVM). */
    void checkUnchanged() {
        try {
            long size = Files.size(file);
            if (size != layout.dataOffset() + layout.dataBytes()) {
                throw new PipelineException(file + ": the file changed since the pipeline was made: expected "
                        + (layout.dataOffset() + layout.dataBytes()) + " bytes, found " + size);
            }
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @return rows {@code [from, to)} as one array of shape {@code [to - from, ...rowShape]} */
    HostArray slice(long from, long to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows + " in " + file);
        }
        long bytes = (to - from) * rowBytes;
        if (bytes > MAX_SLICE_BYTES) {
            throw new PipelineException(file + ": rows [" + from + ", " + to + ") need " + bytes + " bytes: expected at most "
                    + MAX_SLICE_BYTES + " in one slice");
        }
        long[] shape = new long[rowShape.length + 1];
        shape[0] = to - from;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        int n = (int) (bytes / layout.dtype().itemSize());
        long at = from * rowBytes;
        switch (layout.dtype()) {
            case UINT8: {
                byte[] out = new byte[n];
                copy(at, out);
                return HostArray.ofUint8(out, shape);
            }
            case FLOAT32: {
                float[] out = new float[n];
                readInto(at, bytes, (buffer, offset, count) -> buffer.asFloatBuffer().get(out, offset, count), 4);
                return HostArray.ofFloats(out, shape);
            }
            case INT32: {
                int[] out = new int[n];
                readInto(at, bytes, (buffer, offset, count) -> buffer.asIntBuffer().get(out, offset, count), 4);
                return HostArray.ofInts(out, shape);
            }
            case INT64: {
                long[] out = new long[n];
                readInto(at, bytes, (buffer, offset, count) -> buffer.asLongBuffer().get(out, offset, count), 8);
                return HostArray.ofLongs(out, shape);
            }
            case FLOAT64: {
                float[] out = new float[n];
                readInto(at, bytes, (buffer, offset, count) -> {
                    var doubles = buffer.asDoubleBuffer();
                    for (int i = 0; i < count; i++) {
                        out[offset + i] = (float) doubles.get(i);
                    }
                }, 8);
                return HostArray.ofFloats(out, shape);
            }
            default:
                throw new PipelineException(file + ": expected dtype uint8, int32, int64, float32 or float64, found "
                        + layout.dtype().descr());
        }
    }

    private interface Sink {
        void take(ByteBuffer littleEndian, int offset, int count);
    }

    /** Hands the bytes {@code [at, at + bytes)} of the data to {@code sink} window by window, as values of {@code item} bytes. */
    private void readInto(long at, long bytes, Sink sink, int item) {
        long done = 0;
        while (done < bytes) {
            long pos = at + done;
            int w = (int) (pos / window);
            int inWindow = (int) (pos % window);
            MappedByteBuffer map = window(w);
            int length = (int) Math.min(bytes - done, map.capacity() - inWindow);
            length -= length % item;
            if (length == 0) {
                // a value straddles two windows: copy its bytes
                byte[] one = new byte[item];
                copy(pos, one);
                sink.take(ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN), (int) (done / item), 1);
                done += item;
                continue;
            }
            sink.take(map.slice(inWindow, length).order(ByteOrder.LITTLE_ENDIAN), (int) (done / item), length / item);
            done += length;
        }
    }

    private void copy(long at, byte[] out) {
        int done = 0;
        while (done < out.length) {
            long pos = at + done;
            MappedByteBuffer map = window((int) (pos / window));
            int inWindow = (int) (pos % window);
            int length = Math.min(out.length - done, map.capacity() - inWindow);
            map.get(inWindow, out, done, length);
            done += length;
        }
    }

    private synchronized MappedByteBuffer window(int index) {
        MappedByteBuffer w = windows[index];
        if (w == null) {
            long start = index * window;
            long length = Math.min(window, layout.dataBytes() - start);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                w = channel.map(FileChannel.MapMode.READ_ONLY, layout.dataOffset() + start, length);
            } catch (IOException e) {
                throw new PipelineException(file + ": cannot map: " + e.getMessage(), e);
            }
            windows[index] = w;
        }
        return w;
    }

    NpyArray.DType dtype() {
        return layout.dtype();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
