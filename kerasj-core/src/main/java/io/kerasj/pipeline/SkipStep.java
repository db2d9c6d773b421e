package io.kerasj.pipeline;

/** {@code Dataset.skip}. */
final class SkipStep extends Pipeline {
    private final Pipeline input;
    private final long count;

    SkipStep(Pipeline input, long count) {
        this.input = input;
        this.count = count;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (n < 0) {
            return n;
        }
        return count < 0 ? 0 : Math.max(0, n - count);
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            private boolean skipped;

            @Override
            protected Element advance() {
                if (!skipped) {
                    skipped = true;
                    for (long i = 0; (count < 0 || i < count) && in.hasNext(); i++) {
                        in.next();
                    }
                }
                return in.hasNext() ? in.next() : null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".skip(" + count + ")";
    }
}
