package io.kerasj.pipeline;

import java.util.Objects;
import java.util.function.Predicate;

/** {@code Dataset.filter}. */
final class FilterStep extends Pipeline {
    private final Pipeline input;
    private final Predicate<Element> keep;

    FilterStep(Pipeline input, Predicate<Element> keep) {
        this.input = input;
        this.keep = Objects.requireNonNull(keep, "filter predicate");
    }

    @Override
    public long cardinality() {
        return input.cardinality() == INFINITE ? INFINITE : UNKNOWN;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            @Override
            protected Element advance() {
                while (in.hasNext()) {
                    Element e = in.next();
                    if (keep.test(e)) {
                        return e;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".filter";
    }
}
