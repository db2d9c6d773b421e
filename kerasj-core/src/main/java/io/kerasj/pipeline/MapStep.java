package io.kerasj.pipeline;

import java.util.Objects;
import java.util.function.UnaryOperator;

/** {@code Dataset.map} with a Java function, one element at a time. */
final class MapStep extends Pipeline {
    private final Pipeline input;
    private final UnaryOperator<Element> f;

    MapStep(Pipeline input, UnaryOperator<Element> f) {
        this.input = input;
        this.f = Objects.requireNonNull(f, "map function");
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        return new ElementIterator() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public Element next() {
                return Objects.requireNonNull(f.apply(in.next()), "the map function returned null");
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".map";
    }
}
