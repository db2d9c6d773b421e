package io.kerasj.pipeline;

/** {@code Dataset.take}. */
final class TakeStep extends Pipeline {
    private final Pipeline input;
    private final long count;

    TakeStep(Pipeline input, long count) {
        this.input = input;
        this.count = count;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (count < 0) {
            return n;
        }
        if (n == INFINITE) {
            return count;
        }
        return n == UNKNOWN ? UNKNOWN : Math.min(n, count);
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            private long taken;

            @Override
            protected Element advance() {
                if ((count >= 0 && taken >= count) || !in.hasNext()) {
                    return null;
                }
                taken++;
                return in.next();
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".take(" + count + ")";
    }
}
