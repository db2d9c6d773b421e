package io.kerasj.pipeline;

/** {@code Dataset.repeat}: the input's passes one after another, each a new pass (so a shuffle reshuffles). */
final class RepeatStep extends Pipeline {
    private final Pipeline input;
    private final int count;

    /** @param count passes, or -1 for ever */
    RepeatStep(Pipeline input, int count) {
        this.input = input;
        this.count = count;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (count == 0 || n == 0) {
            return 0;
        }
        if (count < 0 || n == INFINITE) {
            return INFINITE;
        }
        return n == UNKNOWN ? UNKNOWN : n * count;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        return new LookaheadIterator() {
            private int pass;
            private ElementIterator current;
            private boolean emptyPass = true;

            @Override
            protected Element advance() {
                while (count < 0 || pass < count) {
                    if (current == null) {
                        // each repetition is a pass of its own, seeded apart from the outer pass
                        current = input.iterator(epoch * 1_000_003L + pass);
                        emptyPass = true;
                    }
                    if (current.hasNext()) {
                        emptyPass = false;
                        return current.next();
                    }
                    current.close();
                    current = null;
                    pass++;
                    if (emptyPass && count < 0) {
                        return null; // repeating an empty pipeline forever yields nothing, as tf.data
                    }
                }
                return null;
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    @Override
    public String toString() {
        return input + ".repeat(" + (count < 0 ? "" : count) + ")";
    }
}
