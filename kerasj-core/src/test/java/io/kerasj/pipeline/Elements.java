package io.kerasj.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: integer ranges as pipelines, and a pass read as a list. */
final class Elements {
    private Elements() {
    }

    /** @return elements 0 .. n-1, each an int32 scalar x */
    static Pipeline range(int from, int to) {
        int[] values = new int[to - from];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + i;
        }
        return Pipeline.fromTensorSlices(HostArray.ofInts(values, values.length));
    }

    static List<Integer> ints(Pipeline p, long epoch) {
        List<Integer> out = new ArrayList<>();
        try (ElementIterator it = p.iterator(epoch)) {
            it.forEachRemaining(e -> out.add(e.singleX().ints()[0]));
        }
        return out;
    }

    static List<Integer> ints(Pipeline p) {
        return ints(p, 0);
    }

    static List<Element> all(Pipeline p) {
        List<Element> out = new ArrayList<>();
        try (ElementIterator it = p.iterator(0)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
