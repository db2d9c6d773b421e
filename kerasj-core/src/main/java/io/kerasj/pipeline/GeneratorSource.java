package io.kerasj.pipeline;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;

/** A Java generator of elements: each pass asks the supplier for a new iterator. */
final class GeneratorSource extends Pipeline {
    private final Supplier<? extends Iterator<Element>> generator;

    GeneratorSource(Supplier<? extends Iterator<Element>> generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    @Override
    public ElementIterator iterator(long epoch) {
        Iterator<Element> it = Objects.requireNonNull(generator.get(), "the generator returned no iterator");
        if (it instanceof ElementIterator own) {
            return own;
        }
        return ElementIterator.of(it);
    }

    @Override
    public String toString() {
        return "from_generator";
    }
}
