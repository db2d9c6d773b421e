package io.kerasj.pipeline;

import java.util.NoSuchElementException;

/** An iterator that computes its next element ahead ({@link #advance()}), for steps that skip or group elements. */
abstract class LookaheadIterator implements ElementIterator {
    private Element next;
    private boolean done;

    /** @return the next element, or null at the end */
    protected abstract Element advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = advance();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final Element next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Element e = next;
        next = null;
        return e;
    }
}
