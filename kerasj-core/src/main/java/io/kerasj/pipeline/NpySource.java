package io.kerasj.pipeline;

import java.nio.file.Path;

/**
 * {@code .npy} files as {@code from_tensor_slices}: one element per row of {@code x} (and of {@code y}), read in
 * slices ({@link NpyRows}), never loaded whole. {@link #batch} straight after reads whole batches as contiguous
 * slices; {@link #shuffle} straight after shuffles row numbers in tf.data's buffer order ({@link ShuffledIndices}), so
 * the buffer holds no elements, and a {@code batch} after that reads each batch's rows into one array.
 */
final class NpySource extends Pipeline {
    private final NpyRows x;
    private final NpyRows y;

    NpySource(Path xFile, Path yFile) {
        this.x = new NpyRows(xFile);
        this.y = yFile == null ? null : new NpyRows(yFile);
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
        return new Batches(batchSize, dropRemainder, null);
    }

    @Override
    public Pipeline shuffle(int bufferSize, long seed, boolean reshuffleEachIteration) {
        return new Shuffled(new ShuffleStep(this, bufferSize, seed, reshuffleEachIteration), bufferSize, seed, reshuffleEachIteration);
    }

    private void checkUnchanged() {
        x.checkUnchanged();
        if (y != null) {
            y.checkUnchanged();
        }
    }

    /** One pass's open files. */
    private final class Pass implements AutoCloseable {
        private final NpyRows.Reader xs = x.open();
        private final NpyRows.Reader ys = y == null ? null : openY();

        private NpyRows.Reader openY() {
            try {
                return y.open();
            } catch (RuntimeException e) {
                xs.close();
                throw e;
            }
        }

        Element slice(long from, long to, boolean squeeze) {
            return element(xs.slice(from, to), ys == null ? null : ys.slice(from, to), squeeze);
        }

        Element gather(long[] rows, int count, boolean squeeze) {
            return element(xs.gather(rows, count), ys == null ? null : ys.gather(rows, count), squeeze);
        }

        private Element element(HostArray xa, HostArray ya, boolean squeeze) {
            if (squeeze) {
                xa = xa.reshape(x.rowShape());
                ya = ya == null ? null : ya.reshape(y.rowShape());
            }
            return ya == null ? Element.of(xa) : Element.of(xa, ya);
        }

        @Override
        public void close() {
            xs.close();
            if (ys != null) {
                ys.close();
            }
        }
    }

    @Override
    public ElementIterator iterator(long epoch) {
        checkUnchanged();
        Pass pass = new Pass();
        return new LookaheadIterator() {
            private long next;

            @Override
            protected Element advance() {
                if (next >= x.rows()) {
                    return null;
                }
                next++;
                return pass.slice(next - 1, next, true);
            }

            @Override
            public void close() {
                pass.close();
            }
        };
    }

    @Override
    public String toString() {
        return "from_npy(" + x + (y == null ? "" : ", " + y) + ")";
    }

    /** {@code shuffle} straight after the source, on row numbers; its elements are those of {@link ShuffleStep}. */
    private final class Shuffled extends Pipeline {
        private final ShuffleStep generic;
        private final int bufferSize;
        private final long seed;
        private final boolean reshuffleEachIteration;

        Shuffled(ShuffleStep generic, int bufferSize, long seed, boolean reshuffleEachIteration) {
            this.generic = generic; // checks the arguments, and names the step
            this.bufferSize = bufferSize;
            this.seed = seed;
            this.reshuffleEachIteration = reshuffleEachIteration;
        }

        ShuffledIndices indices(long epoch) {
            return new ShuffledIndices(x.rows(), bufferSize, ShuffleStep.randomFor(seed, reshuffleEachIteration, epoch));
        }

        @Override
        public long cardinality() {
            return x.rows();
        }

        @Override
        public Pipeline batch(int batchSize, boolean dropRemainder) {
            return new Batches(batchSize, dropRemainder, this);
        }

        @Override
        public ElementIterator iterator(long epoch) {
            checkUnchanged();
            ShuffledIndices order = indices(epoch);
            Pass pass = new Pass();
            long[] one = new long[1];
            return new LookaheadIterator() {
                @Override
                protected Element advance() {
                    one[0] = order.next();
                    return one[0] < 0 ? null : pass.gather(one, 1, true);
                }

                @Override
                public void close() {
                    pass.close();
                }
            };
        }

        @Override
        public String toString() {
            return generic.toString();
        }
    }

    /** {@code batch} straight after the source (contiguous slices) or after its {@link Shuffled} (gathered rows). */
    private final class Batches extends Pipeline {
        private final int batchSize;
        private final boolean dropRemainder;
        private final Shuffled shuffled;

        Batches(int batchSize, boolean dropRemainder, Shuffled shuffled) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch_size: expected a positive number, found " + batchSize);
            }
            this.batchSize = batchSize;
            this.dropRemainder = dropRemainder;
            this.shuffled = shuffled;
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
            ShuffledIndices order = shuffled == null ? null : shuffled.indices(epoch);
            long[] rows = new long[batchSize];
            Pass pass = new Pass();
            return new LookaheadIterator() {
                private long next;

                @Override
                protected Element advance() {
                    if (next >= end) {
                        return null;
                    }
                    long from = next;
                    next = Math.min(end, next + batchSize);
                    if (order == null) {
                        return pass.slice(from, next, false);
                    }
                    int count = (int) (next - from);
                    for (int i = 0; i < count; i++) {
                        rows[i] = order.next();
                    }
                    return pass.gather(rows, count, false);
                }

                @Override
                public void close() {
                    pass.close();
                }
            };
        }

        @Override
        public String toString() {
            return (shuffled == null ? NpySource.this.toString() : shuffled.toString()) + ".batch(" + batchSize + ")";
        }
    }
}
