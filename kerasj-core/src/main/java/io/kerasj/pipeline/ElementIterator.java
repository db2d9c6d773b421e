package io.kerasj.pipeline;

import java.util.Iterator;

/**
 * One pass over a pipeline's elements. Closing it releases what the pass holds (open files, background threads);
 * {@code hasNext} and {@code next} may throw {@link PipelineException} naming the file and record at fault.
 */
public interface ElementIterator extends Iterator<Element>, AutoCloseable {
    /** Releases the pass's files and threads; never throws a checked exception. */
    @Override
    void close();

    /** @return an iterator over a Java iterator that holds nothing to release */
    static ElementIterator of(Iterator<Element> elements) {
        return new ElementIterator() {
            @Override
            public boolean hasNext() {
                return elements.hasNext();
            }

            @Override
            public Element next() {
                return elements.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
