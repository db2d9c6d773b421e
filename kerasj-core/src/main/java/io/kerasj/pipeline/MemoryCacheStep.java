package io.kerasj.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Dataset.cache()} in memory: the first pass that reads the input to its end is kept, and every later pass
 * reads the kept elements. A pass that stops early (closed before its end) keeps nothing, so it never leaves a
 * partial cache behind, as tf.data discards a partially cached iteration.
 */
final class MemoryCacheStep extends Pipeline {
    private final Pipeline input;
    private volatile List<Element> cached;

    MemoryCacheStep(Pipeline input) {
        this.input = input;
    }

    @Override
    public long cardinality() {
        List<Element> kept = cached;
        return kept != null ? kept.size() : input.cardinality();
    }

    @Override
    public ElementIterator iterator(long epoch) {
        List<Element> kept = cached;
        if (kept != null) {
            return ElementIterator.of(kept.iterator());
        }
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            private List<Element> filling = new ArrayList<>();

            @Override
            protected Element advance() {
                if (in.hasNext()) {
                    Element e = in.next();
                    if (filling != null) {
                        filling.add(e);
                    }
                    return e;
                }
                complete();
                return null;
            }

            private void complete() {
                if (filling != null) {
                    synchronized (MemoryCacheStep.this) {
                        if (cached == null) {
                            cached = List.copyOf(filling);
                        }
                    }
                    filling = null;
                }
            }

            @Override
            public void close() {
                filling = null;
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return input + ".cache()";
    }
}
