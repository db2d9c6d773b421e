package io.kerasj.pipeline;

import java.nio.file.Path;

/**
 * {@code .npy} files as {@code from_tensor_slices}: one element per row of {@code x} (and of {@code y}), read from
 * memory maps ({@link MappedNpy}). {@link #batch} followed directly reads whole batches as contiguous slices.
 */
final class NpySource extends Pipeline {
    private final MappedNpy x;
    private final MappedNpy y;

    NpySource(Path xFile, Path yFile) {
        this.x = new MappedNpy(xFile);
        this.y = yFile == null ? null : new MappedNpy(yFile);
        if (y != null && y.rows() != x.rows()) {
            throw new PipelineException(xFile + " has " + x.rows() + " samples but " + yFile + " has " + y.rows()
                    + ": expected equal counts");
        }
    }

    @Override
    public long cardinality() {
        return x.rows();
    }

    @Override
    public Pipeline batch(int batchSize, boolean dropRemainder) {
        return new Batches(batchSize, dropRemainder);
    }

    Element rows(long from, long to, boolean squeeze) {
        HostArray xs = x.slice(from, to);
        HostArray ys = y == null ? null : y.slice(from, to);
        if (squeeze) {
            xs = xs.reshape(x.rowShape());
            ys = ys == null ? null : ys.reshape(y.rowShape());
        }
        return ys == null ? Element.of(xs) : Element.of(xs, ys);
    }

    private void checkUnchanged() {
        x.checkUnchanged();
        if (y != null) {
            y.checkUnchanged();
        }
    }

    @Override
    public ElementIterator iterator(long epoch) {
        checkUnchanged();
        return new LookaheadIterator() {
            private long next;

            @Override
            protected Element advance() {
                if (next >= x.rows()) {
                    return null;
                }
                next++;
                return rows(next - 1, next, true);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return "from_npy(" + x + (y == null ? "" : ", " + y) + ")";
    }

    /** {@code batch} straight after the source: each batch is one contiguous slice of each file. */
    private final class Batches extends Pipeline {
        private final int batchSize;
        private final boolean dropRemainder;

        Batches(int batchSize, boolean dropRemainder) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch_size: expected a positive number, found " + batchSize);
            }
            this.batchSize = batchSize;
            this.dropRemainder = dropRemainder;
        }

        @Override
        public long cardinality() {
            long n = x.rows();
            return dropRemainder ? n / batchSize : (n + batchSize - 1) / batchSize;
        }

        @Override
        public ElementIterator iterator(long epoch) {
            checkUnchanged();
            long end = dropRemainder ? x.rows() / batchSize * batchSize : x.rows();
            return new LookaheadIterator() {
                private long next;

                @Override
                protected Element advance() {
                    if (next >= end) {
                        return null;
                    }
                    long from = next;
                    next = Math.min(end, next + batchSize);
                    return rows(from, next, false);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public String toString() {
            return NpySource.this + ".batch(" + batchSize + ")";
        }
    }
}
