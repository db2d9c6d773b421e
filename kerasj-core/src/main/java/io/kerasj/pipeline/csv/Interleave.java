package io.kerasj.pipeline.csv;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * {@code Dataset.interleave(f, cycle_length, block_length=1)} over a list of inputs, deterministic as tf.data's: up to
 * {@code cycleLength} inputs are open at once and give one element each in turn; an exhausted input's slot is skipped
 * for the rest of that turn and refilled with the next input when the turn comes back to it.
 *
 * @param <T> what an input is (a file)
 */
final class Interleave<T> implements ElementIterator {
    private final Iterator<T> inputs;
    private final Function<T, ElementIterator> open;
    private final ElementIterator[] slots;
    private int index;
    private int openCount;
    private boolean inputsDone;
    private Element next;

    Interleave(Iterator<T> inputs, int cycleLength, Function<T, ElementIterator> open) {
        if (cycleLength < 1) {
            throw new IllegalArgumentException("cycleLength must be positive, got " + cycleLength);
        }
        this.inputs = inputs;
        this.open = open;
        this.slots = new ElementIterator[cycleLength];
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Element next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Element e = next;
        next = null;
        return e;
    }

    /** tf.data's InterleaveDatasetOp::GetNextInternal, with a block length of 1. */
    private Element advance() {
        while (!inputsDone || openCount > 0) {
            ElementIterator current = slots[index];
            if (current != null) {
                if (current.hasNext()) {
                    Element e = current.next();
                    index = (index + 1) % slots.length;
                    return e;
                }
                current.close();
                slots[index] = null;
                openCount--;
                index = (index + 1) % slots.length;
            } else if (!inputsDone && inputs.hasNext()) {
                slots[index] = open.apply(inputs.next());
                openCount++;
            } else {
                inputsDone = true;
                index = (index + 1) % slots.length;
            }
        }
        return null;
    }

    @Override
    public void close() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].close();
                slots[i] = null;
            }
        }
        openCount = 0;
        inputsDone = true;
    }
}
