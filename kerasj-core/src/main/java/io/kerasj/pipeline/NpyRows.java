package io.kerasj.pipeline;

import io.kerasj.data.DatasetException;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.NpyLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One {@code .npy} file read in slices of rows, never loaded whole. The header is checked by {@link Npy#layout} (the
 * data exactly as long as the shape needs). Rows are read with positional reads, not a memory map: mapped pages
 * stay in the process's resident set until Java unmaps them, which it does only at garbage collection, and a file
 * shrunk under a map crashes the JVM, where a short read is one line. uint8, int32, int64 and float32 keep their
 * dtype; float64 is converted to float32, as Keras casts inputs.
 */
final class NpyRows {
    /** The largest slice one read makes: a Java array's limit. */
    private static final long MAX_SLICE_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final NpyLayout layout;
    private final long rows;
    private final long[] rowShape;
    private final int rowBytes;

    NpyRows(Path file) {
        this.file = file;
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
        long bytes = values * layout.dtype().itemSize();
        if (bytes > MAX_SLICE_BYTES / 2) {
            throw new PipelineException(file + ": one sample of shape " + Arrays.toString(rowShape) + " needs " + bytes
                    + " bytes: expected at most " + MAX_SLICE_BYTES / 2);
        }
        rowBytes = (int) bytes;
        switch (layout.dtype()) {
            case UINT8, FLOAT32, INT32, INT64, FLOAT64 -> { }
            default -> throw new PipelineException(file + ": expected dtype uint8, int32, int64, float32 or float64, found "
                    + layout.dtype().descr());
        }
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

    NpyArray.DType dtype() {
        return layout.dtype();
    }

    /** Refuses a file that changed size since it was opened. */
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

    /** @return a reader for one pass (its own file handle); close it at the end of the pass */
    Reader open() {
        try {
            return new Reader(FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** One pass's reads. */
    final class Reader implements AutoCloseable {
        private final FileChannel channel;

        private Reader(FileChannel channel) {
            this.channel = channel;
        }

        /** @return rows {@code [from, to)} as one array of shape {@code [to - from, ...rowShape]} */
        HostArray slice(long from, long to) {
            if (from < 0 || to > rows || from > to) {
                throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows + " in " + file);
            }
            byte[] raw = new byte[checkedBytes(to - from)];
            read(raw, 0, raw.length, from * rowBytes, "rows [" + from + ", " + to + ")");
            return typed(raw, to - from);
        }

        /** @return the rows {@code indices[0..count)}, in that order, as one array {@code [count, ...rowShape]} */
        HostArray gather(long[] indices, int count) {
            byte[] raw = new byte[checkedBytes(count)];
            for (int i = 0; i < count; i++) {
                long row = indices[i];
                if (row < 0 || row >= rows) {
                    throw new IndexOutOfBoundsException("row " + row + " of " + rows + " in " + file);
                }
                read(raw, i * rowBytes, rowBytes, row * rowBytes, "row " + row);
            }
            return typed(raw, count);
        }

        private int checkedBytes(long count) {
            long bytes = count * rowBytes;
            if (bytes > MAX_SLICE_BYTES) {
                throw new PipelineException(file + ": " + count + " rows need " + bytes + " bytes: expected at most "
                        + MAX_SLICE_BYTES + " in one slice");
            }
            return (int) bytes;
        }

        private void read(byte[] into, int offset, int length, long dataPosition, String what) {
            ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
            long position = layout.dataOffset() + dataPosition;
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position() - offset);
                    if (n < 0) {
                        throw new PipelineException(file + ": ended at byte " + (position + buffer.position() - offset)
                                + " while reading " + what + ": the file changed since the pipeline was made");
                    }
                }
            } catch (IOException e) {
                throw new PipelineException(file + ": cannot read " + what + ": " + e.getMessage(), e);
            }
        }

        private HostArray typed(byte[] raw, long count) {
            long[] shape = new long[rowShape.length + 1];
            shape[0] = count;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            ByteBuffer little = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int n = raw.length / layout.dtype().itemSize();
            switch (layout.dtype()) {
                case UINT8:
                    return HostArray.ofUint8(raw, shape);
                case FLOAT32: {
                    float[] out = new float[n];
                    little.asFloatBuffer().get(out);
                    return HostArray.ofFloats(out, shape);
                }
                case INT32: {
                    int[] out = new int[n];
                    little.asIntBuffer().get(out);
                    return HostArray.ofInts(out, shape);
                }
                case INT64: {
                    long[] out = new long[n];
                    little.asLongBuffer().get(out);
                    return HostArray.ofLongs(out, shape);
                }
                case FLOAT64: {
                    float[] out = new float[n];
                    var doubles = little.asDoubleBuffer();
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) doubles.get(i);
                    }
                    return HostArray.ofFloats(out, shape);
                }
                default:
                    throw new PipelineException(file + ": expected dtype uint8, int32, int64, float32 or float64, found "
                            + layout.dtype().descr());
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only handle: nothing is lost when closing it fails
            }
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
